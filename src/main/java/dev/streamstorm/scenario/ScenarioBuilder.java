package dev.streamstorm.scenario;

import dev.streamstorm.scenario.ExchangeReader.Exchanges;
import dev.streamstorm.scenario.Node.MapNode;
import dev.streamstorm.scenario.ProtocolChoice.Choice;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Builds one {@link Scenario} from a parsed file (or an empty one for a flag-only run) and the
 * flags. Reads in dependency order: the names templates may use (session variables, data columns)
 * come first, the conversations before the thresholds that tag them.
 */
final class ScenarioBuilder {
  static final List<String> KEYS =
      List.of(
          "name",
          "target",
          "protocol",
          "preset",
          "headers",
          "request",
          "websocket",
          "stream",
          "session",
          "load",
          "conversations",
          "thinkTime",
          "pacing",
          "data",
          "retry",
          "timeouts",
          "connection",
          "thresholds",
          "slo",
          "seed",
          "embeddedServer",
          "exitOnErrors");

  private final Source source;
  private final NodeReader values;
  private final MapReader root;
  private final ScenarioOverrides flags;
  private final Templates templates;
  private final String defaultName;
  private final Function<String, String> env;

  ScenarioBuilder(
      Source source,
      MapNode root,
      ScenarioOverrides flags,
      Function<String, String> env,
      String defaultName) {
    this.source = source;
    this.values = new NodeReader(source);
    this.root = new MapReader(values, "", root, KEYS);
    this.flags = flags;
    this.templates = new Templates(values, env);
    this.defaultName = defaultName;
    this.env = env;
  }

  Scenario build() {
    LoadFlags loadFlags = LoadFlags.of(flags);
    String name = root.text("name").orElse(defaultName);
    TargetChoice target = target();
    Choice choice = ProtocolChoice.choose(root, flags, target.schemeProtocol());
    ExchangeReader exchanges = new ExchangeReader(values, templates, streamReader(null));
    ExchangeReader.SessionSteps session = exchanges.sessionSteps(root);
    Set<String> extracted = session.names();
    Optional<DataSpec> data = root.map("data", DataReader.KEYS).map(new DataReader(values)::read);
    data.ifPresent(d -> rejectClash(d, extracted));
    Scopes scopes =
        Scopes.of(
            extracted,
            new HashSet<>(data.map(DataSpec::columns).orElse(List.of())),
            session.present());
    StreamReader streams = streamReader(scopes.message());
    Map<String, Template> headers =
        root.get("headers")
            .map(n -> exchanges.requests().headers("headers", n, scopes.headers()))
            .orElse(Map.of());
    Exchanges ex =
        exchanges.read(
            root, target, choice, scopes, session, this::missingForPreset, this::targetError);
    StreamSpec stream =
        streams.read(
            root.map("stream", StreamReader.KEYS),
            PresetDefaults.stream(choice.preset()),
            choice.protocol(),
            this::missingForPreset);
    MapReader load =
        root.map("load", LoadReader.KEYS)
            .orElseGet(
                () -> new MapReader(values, "load", MapNode.empty(root.pos()), LoadReader.KEYS));
    boolean dataEndsRun = data.map(d -> d.order() == DataSpec.Order.UNIQUE).orElse(false);
    LoadSpec loadSpec = new LoadReader(values).read(load, loadFlags, dataEndsRun);
    List<ConversationSpec> conversations = conversations(scopes);
    DelayReader delays = new DelayReader(values);
    PolicyReader policies = new PolicyReader(values);
    return new Scenario(
        name,
        source.file(),
        target.target(),
        choice.protocol(),
        choice.preset(),
        headers,
        ex.request(),
        ex.websocket(),
        stream,
        ex.session(),
        loadSpec,
        conversations,
        root.get("thinkTime").map(n -> delays.read("thinkTime", n)).orElse(Delay.none()),
        root.get("pacing").map(n -> delays.read("pacing", n)).orElse(Delay.none()),
        data,
        root.map("retry", PolicyReader.RETRY_KEYS).map(policies::retry),
        root.map("timeouts", PolicyReader.TIMEOUT_KEYS)
            .map(policies::timeouts)
            .orElse(PolicyReader.DEFAULT_TIMEOUTS),
        connection(policies, target, choice.protocol()),
        thresholds(conversations),
        root.map("slo", PolicyReader.SLO_KEYS)
            .map(policies::slo)
            .orElse(new SloSpec(Optional.empty(), Optional.empty(), Optional.empty())),
        flags
            .seed()
            .or(() -> root.get("seed").map(n -> values.integer("seed", n)))
            .orElseGet(() -> ThreadLocalRandom.current().nextLong()),
        root.get("embeddedServer")
            .map(n -> PlainJavaTree.map(values.map("embeddedServer", n)))
            .orElse(Map.of()),
        root.get("exitOnErrors")
            .map(n -> values.shareOrOff("exitOnErrors", n))
            .orElse(Scenario.EXIT_ON_ALL_ERRORS));
  }

  /** {@code connection}: its policies, how connections are made, checked against the target. */
  private ConnectionSpec connection(PolicyReader policies, TargetChoice target, Protocol stream) {
    Optional<MapReader> map = root.map("connection", PolicyReader.CONNECTION_KEYS);
    NetworkReader network = new NetworkReader(values, templates, env);
    ConnectionSpec spec =
        map.map(r -> network.read(r, policies.connection(r)))
            .orElse(PolicyReader.DEFAULT_CONNECTION);
    boolean tlsTarget =
        target.target().url().map(u -> "https".equalsIgnoreCase(u.getScheme())).orElse(false);
    NetworkReader.check(map.orElse(null), spec, tlsTarget, stream);
    if (target.target().url().isPresent() && spec.proxy().url().isEmpty()) {
      // The environment's proxy for this target, checked now rather than at the first connection.
      try {
        ProxyChoice.forTarget(spec.proxy(), target.target().url().get(), env);
      } catch (IllegalArgumentException e) {
        throw new ScenarioException(e.getMessage());
      }
    }
    return spec;
  }

  private TargetChoice target() {
    if (flags.target().isPresent()) {
      return TargetChoice.parse(flags.target().get(), m -> new ScenarioException("--target: " + m));
    }
    Node node =
        root.get("target")
            .orElseThrow(
                () ->
                    source.hasFile()
                        ? source.error(
                            root.pos(),
                            "missing key 'target' (a URL like http://127.0.0.1:8080, or embedded;"
                                + " or give --target)")
                        : new ScenarioException(
                            "a run without a scenario file needs --target URL (or --target"
                                + " embedded)"));
    return TargetChoice.parse(values.text("target", node), m -> values.error(node, "target", m));
  }

  private ScenarioException targetError(String message) {
    if (flags.target().isPresent()) {
      return new ScenarioException("--target: " + message);
    }
    return root.error("target", message);
  }

  /** Stream rules whose {@code equals} templates may use {@code scope}'s variables. */
  private StreamReader streamReader(TemplateScope scope) {
    return new StreamReader(
        values,
        templates,
        scope != null ? scope : new TemplateScope(Set.of(), Set.of(), "not a template"));
  }

  /** A key the chosen preset (generic) has no default for and nobody gave. */
  private ScenarioException missingForPreset(String key) {
    String section = key.substring(0, key.indexOf('.'));
    String leaf = key.substring(key.indexOf('.') + 1);
    Optional<Node> given = root.get(section);
    if (given.isPresent() && given.get() instanceof MapNode) {
      return source.error(
          given.get().pos(),
          section + ": missing key '" + leaf + "' (the generic preset has no default)");
    }
    if (flags.preset().isEmpty() && root.has("preset")) {
      return root.error(
          "preset",
          "the generic preset has no default " + key + "; add " + key + " to the scenario");
    }
    return new ScenarioException(
        "--preset generic: needs "
            + key
            + " (the generic preset has no default), which a scenario file gives");
  }

  private List<ConversationSpec> conversations(Scopes scopes) {
    ConversationReader reader = new ConversationReader(values, templates);
    List<ConversationSpec> fromFile =
        root.get("conversations")
            .map(n -> reader.read("conversations", n, scopes.turn()))
            .orElse(null);
    if (flags.message().isPresent()) {
      return List.of(
          ConversationReader.single(
              templates.parseFlag("--message", flags.message().get(), scopes.turn())));
    }
    if (fromFile != null) {
      return fromFile;
    }
    return List.of(ConversationReader.single(Template.literal(ConversationReader.DEFAULT_MESSAGE)));
  }

  private List<ThresholdSpec> thresholds(List<ConversationSpec> conversations) {
    List<ThresholdSpec> out = new ArrayList<>();
    root.get("thresholds")
        .ifPresent(n -> out.addAll(new ThresholdReader(values).read(n, conversations)));
    for (String flag : flags.thresholds()) {
      out.add(ThresholdReader.flag(flag, conversations));
    }
    return List.copyOf(out);
  }

  private void rejectClash(DataSpec data, Set<String> sessionVariables) {
    for (String column : data.columns()) {
      if (sessionVariables.contains(column)) {
        throw root.error(
            "data",
            "data column '"
                + column
                + "' has the name of a session variable (session.extract); rename one");
      }
    }
  }
}
