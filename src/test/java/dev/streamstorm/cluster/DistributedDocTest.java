package dev.streamstorm.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/distributed.md: its YAML parses, and the Kubernetes example has every piece it names. */
class DistributedDocTest {
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

  @Test
  void theKubernetesExampleIsValidYamlWithAHeadlessServiceAgentsAndACoordinatorJob()
      throws Exception {
    String doc = Files.readString(Path.of("docs/distributed.md"));
    Matcher m = YAML_BLOCK.matcher(doc);
    List<JsonNode> documents = new ArrayList<>();
    while (m.find()) {
      try (MappingIterator<JsonNode> it =
          new YAMLMapper().readerFor(JsonNode.class).readValues(m.group(1))) {
        documents.addAll(it.readAll());
      }
    }

    assertThat(documents)
        .extracting(d -> d.path("kind").asText())
        .contains("Service", "Deployment", "Job", "ConfigMap");
    JsonNode service = find(documents, "Service");
    assertThat(service.at("/spec/clusterIP").asText()).isEqualTo("None");
    String dns = service.at("/metadata/name").asText() + ".default.svc.cluster.local";
    String selector = service.at("/spec/selector/app.kubernetes.io~1part-of").asText();
    for (String kind : List.of("Deployment", "Job")) {
      JsonNode pod = find(documents, kind).at("/spec/template");
      assertThat(pod.at("/metadata/labels/app.kubernetes.io~1part-of").asText())
          .as(kind + " pods are behind the headless service")
          .isEqualTo(selector);
      assertThat(pod.at("/spec/containers/0/args").toString())
          .contains("--kubernetes-service-dns", dns, "--cluster-host", "$(POD_IP)");
    }
    assertThat(find(documents, "Job").at("/spec/template/spec/containers/0/args").toString())
        .contains(
            "--agents", "\"" + find(documents, "Deployment").at("/spec/replicas").asText() + "\"");
    String scenario = find(documents, "ConfigMap").at("/data/chat.yaml").asText();
    assertThat(new YAMLMapper().readTree(scenario).path("load").path("vus").asInt()).isPositive();
  }

  private static JsonNode find(List<JsonNode> documents, String kind) {
    return documents.stream()
        .filter(d -> d.path("kind").asText().equals(kind))
        .findFirst()
        .orElseThrow();
  }
}
