package dev.streamstorm.scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Settles the protocol and the preset from the flags, the file and the target URL's scheme. A flag
 * beats the file, and what a flag implies beats the file too: {@code --preset websocket-json}
 * switches a file's {@code protocol: sse} to websocket. With neither given: openai-chat over SSE,
 * or websocket-json for a ws:// target.
 */
final class ProtocolChoice {
  static final Map<String, Preset> PRESETS = new LinkedHashMap<>();
  static final Map<String, Protocol> PROTOCOLS = new LinkedHashMap<>();

  static {
    for (Preset p : Preset.values()) {
      PRESETS.put(p.id(), p);
    }
    PROTOCOLS.put("sse", Protocol.SSE);
    PROTOCOLS.put("websocket", Protocol.WEBSOCKET);
  }

  /** The settled pair. */
  record Choice(Protocol protocol, Preset preset) {}

  private ProtocolChoice() {}

  static Choice choose(MapReader root, ScenarioOverrides flags, Optional<Protocol> schemeHint) {
    NodeReader v = root.values();
    Optional<Preset> flagPreset = flags.preset().map(p -> flag("--preset", p, "preset", PRESETS));
    Optional<Protocol> flagProtocol =
        flags.protocol().map(p -> flag("--protocol", p, "protocol", PROTOCOLS));
    Optional<Preset> filePreset =
        root.get("preset").map(n -> v.choice("preset", n, "preset", PRESETS));
    Optional<Protocol> fileProtocol =
        root.get("protocol").map(n -> v.choice("protocol", n, "protocol", PROTOCOLS));

    if (flagPreset.isPresent() && flagProtocol.isPresent()) {
      if (PresetDefaults.protocol(flagPreset.get()) != flagProtocol.get()) {
        throw new ScenarioException(mismatch(flagPreset.get(), flagProtocol.get(), "--protocol"));
      }
      return new Choice(flagProtocol.get(), flagPreset.get());
    }
    Optional<Preset> preset = flagPreset;
    Optional<Protocol> protocol = flagProtocol;
    if (flagPreset.isEmpty()
        && (flagProtocol.isEmpty()
            || filePreset.map(PresetDefaults::protocol).equals(flagProtocol))) {
      preset = filePreset;
    }
    if (flagProtocol.isEmpty()
        && (flagPreset.isEmpty()
            || fileProtocol.equals(flagPreset.map(PresetDefaults::protocol)))) {
      protocol = fileProtocol;
    }
    if (preset.isPresent() && protocol.isPresent()) {
      if (PresetDefaults.protocol(preset.get()) != protocol.get()) {
        throw root.error("protocol", mismatch(preset.get(), protocol.get(), "protocol"));
      }
      return new Choice(protocol.get(), preset.get());
    }
    if (preset.isPresent()) {
      return new Choice(PresetDefaults.protocol(preset.get()), preset.get());
    }
    Protocol p = protocol.or(() -> schemeHint).orElse(Protocol.SSE);
    return new Choice(p, PresetDefaults.forProtocol(p));
  }

  private static String mismatch(Preset preset, Protocol protocol, String key) {
    return "preset '"
        + preset.id()
        + "' speaks "
        + name(PresetDefaults.protocol(preset))
        + ", but "
        + key
        + " is "
        + name(protocol)
        + " (websocket goes with "
        + presetsOf(Protocol.WEBSOCKET)
        + "; sse with "
        + presetsOf(Protocol.SSE)
        + ")";
  }

  private static String presetsOf(Protocol protocol) {
    return String.join(
        ", ",
        java.util.Arrays.stream(Preset.values())
            .filter(p -> p.protocol() == protocol)
            .map(Preset::id)
            .toList());
  }

  static String name(Protocol p) {
    return p == Protocol.SSE ? "sse" : "websocket";
  }

  private static <E> E flag(String flag, String given, String noun, Map<String, E> options) {
    E e = options.get(given.strip().toLowerCase(java.util.Locale.ROOT));
    if (e == null) {
      throw new ScenarioException(flag + ": " + NodeReader.unknown(noun, given, options));
    }
    return e;
  }
}
