package dev.streamstorm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** How {@code run} reads the live flags, the optional address of --dashboard above all. */
class LiveOptionsTest {

  private static RunCommand parse(String... args) {
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs(args);
    return run;
  }

  @Test
  void dashboardAloneIsAFreePortOnLoopback() {
    assertThat(parse("--dashboard").liveOptions.dashboard).isEqualTo("127.0.0.1:0");
    assertThat(HostPort.parse("--dashboard", "127.0.0.1:0").loopback()).isTrue();
  }

  @Test
  void dashboardTakesAPortOrAnAddress() {
    assertThat(parse("--dashboard", "8089").liveOptions.dashboard).isEqualTo("8089");
    assertThat(parse("--dashboard=0.0.0.0:8089").liveOptions.dashboard).isEqualTo("0.0.0.0:8089");
    HostPort any = HostPort.parse("--dashboard", "0.0.0.0:8089");
    assertThat(any).isEqualTo(new HostPort("0.0.0.0", 8089));
    assertThat(any.loopback()).isFalse();
    assertThat(HostPort.parse("--metrics-port", "9464")).isEqualTo(new HostPort("127.0.0.1", 9464));
    assertThat(HostPort.parse("--metrics-port", "[::1]:9464").authority(9464))
        .isEqualTo("[::1]:9464");
  }

  @Test
  void aScenarioFileAfterDashboardStaysTheScenario() {
    RunCommand run = parse("--dashboard", "scenarios/quickstart.yaml", "--dashboard-control");
    assertThat(run.liveOptions.dashboard).isEqualTo("127.0.0.1:0");
    assertThat(run.scenarioOptions.file).isEqualTo(Path.of("scenarios/quickstart.yaml"));
    assertThat(run.liveOptions.dashboardControl).isTrue();
  }

  @Test
  void badValuesAreUsageErrors() {
    assertThatThrownBy(() -> HostPort.parse("--metrics-port", "99999"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--metrics-port");
    LiveOptions control = parse("--dashboard-control").liveOptions;
    assertThatThrownBy(control::check).hasMessageContaining("needs --dashboard");
    LiveOptions grpc =
        parse("--otlp", "http://127.0.0.1:4317", "--otlp-protocol", "thrift").liveOptions;
    assertThatThrownBy(grpc::check).hasMessageContaining("http/protobuf or grpc");
    LiveOptions file = parse("--otlp", "file:///tmp/x").liveOptions;
    assertThatThrownBy(file::check).hasMessageContaining("--otlp");
  }
}
