package dev.streamstorm.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of invalid scenario fails with file:line:column and what was expected there. */
class ScenarioErrorsTest {

  @TempDir Path dir;

  static final String OK_HEAD = "target: http://127.0.0.1:8080\n";
  static final String OK_LOAD = "load: { vus: 1, duration: 10s }\n";

  static Stream<Arguments> yaml() {
    return Stream.of(
        arguments(
            "unknown top-level key with suggestion",
            OK_HEAD + "laod: { vus: 1 }\n",
            "s.yaml:2:1: unknown key 'laod', did you mean 'load'?"),
        arguments(
            "unknown key without a close match lists the known ones",
            OK_HEAD + OK_LOAD + "timeouts: { banana: 1s }\n",
            "s.yaml:3:13: unknown key 'banana'; expected one of: connect, firstToken, message"),
        arguments(
            "unknown key in a conversation",
            OK_HEAD + OK_LOAD + "conversations:\n  - name: a\n    turn: [hi]\n",
            "s.yaml:5:5: unknown key 'turn', did you mean 'turns'?"),
        arguments(
            "wrong type for a duration",
            OK_HEAD + "load:\n  vus: 2\n  duration: fast\n",
            "s.yaml:4:13: load.duration: expected a duration like 30s, 500ms or 2m, got 'fast'"),
        arguments(
            "a duration without a unit",
            OK_HEAD + "load: { vus: 2, duration: 30 }\n",
            "s.yaml:2:27: load.duration: expected a duration like 30s, 500ms or 2m, got 30 (a"
                + " duration needs a unit)"),
        arguments(
            "a duration that is a list",
            OK_HEAD + "load: { vus: 2, duration: [1s] }\n",
            "s.yaml:2:27: load.duration: expected a duration like 30s, 500ms or 2m, got a list"),
        arguments(
            "missing target",
            "name: x\n" + OK_LOAD,
            "s.yaml:1:1: missing key 'target' (a URL like http://127.0.0.1:8080, or embedded; or"
                + " give --target)"),
        arguments(
            "target that is not a URL",
            "target: 127.0.0.1:8080\n" + OK_LOAD,
            "s.yaml:1:9: target: expected a URL like http://127.0.0.1:8080 or 'embedded', got"
                + " '127.0.0.1:8080'"),
        arguments(
            "zero users",
            OK_HEAD + "load: { vus: 0, duration: 10s }\n",
            "s.yaml:2:14: load.vus: expected a positive whole number, got 0"),
        arguments(
            "negative users",
            OK_HEAD + "load: { vus: -3, duration: 10s }\n",
            "s.yaml:2:14: load.vus: expected a positive whole number, got -3"),
        arguments(
            "zero duration",
            OK_HEAD + "load: { vus: 1, duration: 0s }\n",
            "s.yaml:2:27: load.duration: expected a duration above zero like 30s, got '0s'"),
        arguments(
            "zero weight",
            OK_HEAD + OK_LOAD + "conversations: [ { weight: 0, turns: [hi] } ]\n",
            "s.yaml:3:28: conversations[0].weight: expected a positive number, got 0"),
        arguments(
            "empty conversations",
            OK_HEAD + OK_LOAD + "conversations: []\n",
            "s.yaml:3:16: conversations: expected at least one conversation, e.g. - { name: chat,"
                + " turns: [\"Hi\"] }"),
        arguments(
            "a conversation without turns",
            OK_HEAD + OK_LOAD + "conversations:\n  - name: a\n",
            "s.yaml:4:5: conversations[0]: missing key 'turns' (the messages to send)"),
        arguments(
            "empty turns",
            OK_HEAD + OK_LOAD + "conversations:\n  - name: a\n    turns: []\n",
            "s.yaml:5:12: conversations[0].turns: expected at least one turn, e.g. [\"What are"
                + " your hours?\"]"),
        arguments(
            "duplicate conversation names",
            OK_HEAD
                + OK_LOAD
                + "conversations:\n  - { name: a, turns: [x] }\n  - { name: a, turns: [y] }\n",
            "s.yaml:5:13: conversations[1].name: conversation 'a' is already the name of"
                + " conversations[0]"),
        arguments(
            "think time on the first turn",
            OK_HEAD + OK_LOAD + "conversations:\n  - turns: [ { message: hi, thinkTime: 1s } ]\n",
            "s.yaml:4:40: conversations[0].turns[0].thinkTime: the first turn follows no reply, so"
                + " it has no think time; use pacing for a pause between conversations"),
        arguments(
            "unknown preset",
            OK_HEAD + OK_LOAD + "preset: openai\n",
            "s.yaml:3:9: preset: unknown preset 'openai' (expected one of openai-chat,"
                + " openai-responses, anthropic-messages, gemini, text, vercel-ai, a2a, generic,"
                + " websocket-json, openai-realtime)"),
        arguments(
            "misspelt preset",
            OK_HEAD + OK_LOAD + "preset: openai-chta\n",
            "s.yaml:3:9: preset: unknown preset 'openai-chta', did you mean 'openai-chat'?"
                + " (expected one of openai-chat, openai-responses, anthropic-messages, gemini, text, vercel-ai, a2a, generic, websocket-json, openai-realtime)"),
        arguments(
            "unknown protocol",
            OK_HEAD + OK_LOAD + "protocol: http2\n",
            "s.yaml:3:11: protocol: unknown protocol 'http2' (expected one of sse, websocket)"),
        arguments(
            "preset and protocol that disagree",
            OK_HEAD + OK_LOAD + "protocol: websocket\npreset: openai-chat\n",
            "s.yaml:3:11: protocol: preset 'openai-chat' speaks sse, but protocol is websocket"
                + " (websocket goes with websocket-json, openai-realtime; sse with openai-chat,"
                + " openai-responses, anthropic-messages, gemini, text, vercel-ai, a2a, generic)"),
        arguments(
            "unknown data order",
            OK_HEAD + OK_LOAD + "data: { file: p.csv, order: shuffled }\n",
            "s.yaml:3:29: data.order: unknown order 'shuffled' (expected one of sequential,"
                + " random, unique)"),
        arguments(
            "unknown distribution",
            OK_HEAD + "load: { arrival: { rate: 5/s, distribution: poison }, duration: 1m }\n",
            "s.yaml:2:45: load.arrival.distribution: unknown distribution 'poison', did you mean"
                + " 'poisson'? (expected one of constant, poisson)"),
        arguments(
            "unclosed template in a turn",
            OK_HEAD + OK_LOAD + "conversations:\n  - turns: [\"hello ${vu\"]\n",
            "s.yaml:4:20: conversations[0].turns[0]: unclosed '${': expected '}'"),
        arguments(
            "unknown template variable, plain scalar",
            OK_HEAD + OK_LOAD + "conversations:\n  - turns:\n      - Hi, I am ${usr}\n",
            "s.yaml:5:18: conversations[0].turns[0]: unknown variable 'usr'; variables here:"
                + " conversation, iteration, turn, vu, uuid, random:MIN:MAX, env:NAME"),
        arguments(
            "misspelt template variable suggests",
            OK_HEAD + OK_LOAD + "request: { body: { user: \"u-${vv}\" } }\n",
            "s.yaml:3:29: request.body.user: unknown variable 'vv', did you mean 'vu'?"),
        arguments(
            "a turn cannot use ${message}",
            OK_HEAD + OK_LOAD + "conversations: [ { turns: [\"say ${message}\"] } ]\n",
            "s.yaml:3:33: conversations[0].turns[0]: variable 'message' is not available here: a"
                + " turn's text cannot use ${message}: it is the message"),
        arguments(
            "unset environment variable, at its use",
            OK_HEAD + OK_LOAD + "headers: { X-Token: \"t ${env:NOPE}\" }\n",
            "s.yaml:3:24: headers.X-Token: environment variable 'NOPE' is not set (used as"
                + " ${env:NOPE})"),
        arguments(
            "session request knows only ${vu}",
            OK_HEAD
                + OK_LOAD
                + "session:\n  request: { path: \"/s/${message}\" }\n  extract: { id: /id }\n",
            "s.yaml:4:24: session.request.path: variable 'message' is not available here: the"
                + " session request is sent once per user before any conversation, so it knows"
                + " only ${vu}"),
        arguments(
            "scenario headers are sent with the session request",
            OK_HEAD
                + OK_LOAD
                + "headers: { X-Session: \"${id}\" }\nsession:\n  request: { path: /s }\n  extract: { id: /id }\n",
            "s.yaml:3:24: headers.X-Session: variable 'id' is not available here: headers are also"
                + " sent with the session request, which knows only ${vu}; put per-message headers"
                + " under request.headers"),
        arguments(
            "session variable with a built-in name",
            OK_HEAD + OK_LOAD + "session:\n  request: { path: /s }\n  extract: { vu: /id }\n",
            "s.yaml:5:14: session.extract: expected a variable name that is not built in"
                + " (conversation, env, iteration, message, random, turn, uuid, vu), got 'vu'"),
        arguments(
            "missing data file",
            OK_HEAD + OK_LOAD + "data: { file: prompts.csv }\n",
            "s.yaml:3:15: data.file: data file not found: prompts.csv"),
        arguments(
            "data file of another kind",
            OK_HEAD + OK_LOAD + "data: { file: prompts.txt }\n",
            "s.yaml:3:15: data.file: expected a .jsonl or .csv file, got 'prompts.txt'"),
        arguments(
            "malformed threshold, quoted",
            OK_HEAD + OK_LOAD + "thresholds:\n  ttft: [\"p95 2s\"]\n",
            "s.yaml:4:15: thresholds.ttft: expected an operator (<, <=, >, >=, ==, !=)"),
        arguments(
            "malformed threshold, plain list item",
            OK_HEAD + OK_LOAD + "thresholds:\n  errors:\n    - rate < 5\n",
            "s.yaml:5:14: thresholds.errors: expected a fraction from 0 to 1 or a percentage like"
                + " 1%, got 5 (did you mean 5%?)"),
        arguments(
            "malformed threshold tag, in the key",
            OK_HEAD + OK_LOAD + "thresholds:\n  \"ttft{user:a}\": [\"p95 < 2s\"]\n",
            "s.yaml:4:9: thresholds.ttft{user:a}: unknown tag 'user'; expected conversation or"
                + " turn"),
        arguments(
            "threshold on a conversation that does not exist",
            OK_HEAD + OK_LOAD + "thresholds:\n  \"ttft{conversation:nope}\": [\"p95 < 2s\"]\n",
            "s.yaml:4:8: thresholds.ttft{conversation:nope}: no conversation is named 'nope'"
                + " (conversations: default)"),
        arguments(
            "threshold on a turn without its conversation",
            OK_HEAD + OK_LOAD + "thresholds:\n  ttft{turn:2}: [\"p95 < 2s\"]\n",
            "s.yaml:4:7: thresholds.ttft{turn:2}: a turn tag needs a conversation tag too, e.g."
                + " {conversation:NAME,turn:2}"),
        arguments(
            "threshold on a turn that does not exist",
            OK_HEAD
                + OK_LOAD
                + "thresholds:\n  \"ttft{conversation:default,turn:2}\": [\"p95 < 2s\"]\n",
            "s.yaml:4:8: thresholds.ttft{conversation:default,turn:2}: turn 2 does not exist:"
                + " conversation 'default' has 1 turn"),
        arguments(
            "threshold object without its expression",
            OK_HEAD + OK_LOAD + "thresholds:\n  e2e: [ { abortOnFail: true } ]\n",
            "s.yaml:4:10: thresholds.e2e: missing key 'threshold' (e.g. threshold: \"p95 < 2s\")"),
        arguments(
            "YAML syntax error",
            OK_HEAD + "load: { vus: 1, duration: 10s\nname: x\n",
            "s.yaml:3:5: invalid YAML: expected ',' or '}', but got : (while parsing a flow"
                + " mapping started at line 2, column 7)"),
        arguments(
            "bad indentation",
            OK_HEAD + "load:\n  vus: 1\n duration: 10s\n",
            "s.yaml:4:2: invalid YAML: expected <block end>, but found '<block mapping start>'"
                + " (while parsing a block mapping started at line 1, column 1)"),
        arguments(
            "duplicate key",
            OK_HEAD + OK_LOAD + "load: { vus: 2 }\n",
            "s.yaml:3:1: duplicate key 'load' (first written at line 2)"),
        arguments(
            "a list at the top",
            "- target: x\n",
            "s.yaml:1:1: expected a mapping of scenario keys (target, load, conversations, ...) at"
                + " the top level, got a list"),
        arguments(
            "an empty file",
            "# nothing here\n",
            "s.yaml:1:1: the file is empty; expected scenario keys such as target and load"),
        arguments(
            "nothing ends the run",
            OK_HEAD + "load: { vus: 5 }\n",
            "s.yaml:2:7: nothing ends this run: set load.duration, load.iterations,"
                + " load.totalIterations, load.maxMessages or load.maxTokens (or the flags"
                + " --duration, --iterations, --max-messages or --max-tokens)"),
        arguments(
            "nothing ends the run, no load at all",
            OK_HEAD,
            "s.yaml:1:1: nothing ends this run: set load.duration, load.iterations,"
                + " load.totalIterations, load.maxMessages or load.maxTokens (or the flags"
                + " --duration, --iterations, --max-messages or --max-tokens)"),
        arguments(
            "generic preset without a path",
            OK_HEAD + OK_LOAD + "preset: generic\nstream: { token: /t, done: { event: end } }\n",
            "s.yaml:3:9: preset: the generic preset has no default request.path; add request.path"
                + " to the scenario"),
        arguments(
            "generic preset without a token rule",
            OK_HEAD
                + OK_LOAD
                + "preset: generic\nrequest: { path: /x }\nstream: { done: { event: end } }\n",
            "s.yaml:5:9: stream: missing key 'token' (the generic preset has no default)"),
        arguments(
            "generic preset without stream rules and no stream section",
            OK_HEAD + OK_LOAD + "preset: generic\nrequest: { path: /x }\n",
            "s.yaml:3:9: preset: the generic preset has no default stream.token; add stream.token"
                + " to the scenario"),
        arguments(
            "a rate target without arrivals",
            OK_HEAD + "load:\n  stages: [ { duration: 1m, target: 50/s } ]\n",
            "s.yaml:3:37: load.stages[0].target: a rate target needs the open model: add"
                + " load.arrival (arrival: { rate: 10/s }); with virtual users a target is a number"
                + " of users"),
        arguments(
            "vus beside stages",
            OK_HEAD + "load:\n  vus: 10\n  stages: [ { duration: 1m, target: 5 } ]\n",
            "s.yaml:3:8: load.vus: not used with stages: stages start at 0 users and move to each"
                + " target; remove vus or stages"),
        arguments(
            "vus in an open model",
            OK_HEAD + "load: { arrival: { rate: 5/s }, vus: 3, duration: 1m }\n",
            "s.yaml:2:38: load.vus: applies to virtual users (closed model); with arrival the load"
                + " is open: cap concurrency with maxInFlight"),
        arguments(
            "maxInFlight in a closed model",
            OK_HEAD + "load: { vus: 3, duration: 1m, maxInFlight: 10 }\n",
            "s.yaml:2:44: load.maxInFlight: applies to arrival rates (open model); add"
                + " load.arrival or remove maxInFlight"),
        arguments(
            "a bad rate",
            OK_HEAD + "load: { arrival: { rate: fast }, duration: 1m }\n",
            "s.yaml:2:26: load.arrival.rate: expected a rate like 20/s, 1200/m or 0.5/s, got"
                + " 'fast'"),
        arguments(
            "a warm-up as long as the run",
            OK_HEAD + "load: { vus: 1, duration: 10s, warmup: 10s }\n",
            "s.yaml:2:40: load.warmup: the warm-up (10s) must be shorter than the run (10s)"),
        arguments(
            "think time with max below min",
            OK_HEAD + OK_LOAD + "thinkTime: { min: 3s, max: 1s }\n",
            "s.yaml:3:28: thinkTime.max: max (1s) is below min (3s)"),
        arguments(
            "first-token timeout longer than the message timeout",
            OK_HEAD + OK_LOAD + "timeouts: { firstToken: 2m, message: 1m }\n",
            "s.yaml:3:25: timeouts.firstToken: firstToken (2m) is longer than message (1m), which"
                + " would never let it fire"),
        arguments(
            "a match with two forms",
            OK_HEAD + OK_LOAD + "stream: { done: { event: end, data: x } }\n",
            "s.yaml:3:17: stream.done: give only one of event or data (combine rules with allOf: [...] or anyOf: [...])"),
        arguments(
            "equals without json",
            OK_HEAD + OK_LOAD + "stream: { done: { event: end, equals: x } }\n",
            "s.yaml:3:39: stream.done.equals: equals goes with json: { json: /type, equals: done }"),
        arguments(
            "a JSON pointer without its slash",
            OK_HEAD + OK_LOAD + "stream: { token: choices/0 }\n",
            "s.yaml:3:18: stream.token: expected a JSON Pointer like /choices/0/delta/content, a"
                + " list of them, or data, got 'choices/0'"),
        arguments(
            "a usage name that shadows a metric",
            OK_HEAD + OK_LOAD + "stream:\n  usage: { tokens: /usage/t }\n",
            "s.yaml:4:12: stream.usage: 'tokens' is a built-in metric; give the usage another"
                + " name"),
        arguments(
            "a path without its slash",
            OK_HEAD + OK_LOAD + "request: { path: v1/chat }\n",
            "s.yaml:3:18: request.path: expected a path starting with '/', got 'v1/chat'"),
        arguments(
            "an unknown HTTP method",
            OK_HEAD + OK_LOAD + "request: { method: FETCH }\n",
            "s.yaml:3:20: request.method: expected an HTTP method (GET, POST, PUT, PATCH, DELETE),"
                + " got 'FETCH'"),
        arguments(
            "a boolean that is not",
            OK_HEAD + OK_LOAD + "connection: { reuse: maybe }\n",
            "s.yaml:3:22: connection.reuse: expected true or false, got 'maybe'"),
        arguments(
            "a host name as a local address",
            OK_HEAD + OK_LOAD + "connection: { localAddresses: [127.0.0.1, localhost] }\n",
            "s.yaml:3:43: connection.localAddresses[1]: expected an IP address (127.0.0.2, ::1) or"
                + " an IPv4 range (127.0.0.1-127.0.0.8 or 127.0.0.1-8), got 'localhost'"),
        arguments(
            "a local address range that runs backwards",
            OK_HEAD + OK_LOAD + "connection: { localAddresses: [127.0.0.9-3] }\n",
            "s.yaml:3:32: connection.localAddresses[0]: expected a range whose end is not below its"
                + " start, got '127.0.0.9-3'"),
        arguments(
            "a retry status out of range",
            OK_HEAD + OK_LOAD + "retry: { on: [429, 42] }\n",
            "s.yaml:3:20: retry.on[1]: expected an HTTP status from 100 to 599, got 42"),
        arguments(
            "a sweep without a step",
            OK_HEAD + "load: { sweep: { start: 5/s, max: 50/s, stepDuration: 30s } }\n",
            "s.yaml:2:16: load.sweep: missing key 'step' (a rate like 5/s)"),
        arguments(
            "a seed that is not a number",
            OK_HEAD + OK_LOAD + "seed: abc\n",
            "s.yaml:3:7: seed: expected a whole number, got 'abc'"),
        arguments(
            "an alias to nothing",
            OK_HEAD + OK_LOAD + "name: *nope\n",
            "s.yaml:3:7: unknown alias '*nope'"),
        arguments(
            "a port past 65535",
            "target: http://127.0.0.1:99999\n" + OK_LOAD,
            "s.yaml:1:9: target: port 99999 is not a TCP port (1 to 65535), in"
                + " 'http://127.0.0.1:99999'"),
        arguments(
            "port 0",
            "target: http://127.0.0.1:0/v1\n" + OK_LOAD,
            "s.yaml:1:9: target: port 0 is not a TCP port (1 to 65535), in"
                + " 'http://127.0.0.1:0/v1'"),
        arguments(
            "a host that is not one",
            "target: http://bad_host!:80\n" + OK_LOAD,
            "s.yaml:1:9: target: expected a URL like http://127.0.0.1:8080 or 'embedded', got"
                + " 'http://bad_host!:80'"),
        arguments(
            "a billion laughs under request.body",
            OK_HEAD + OK_LOAD + laughs(),
            "s.yaml:10:24: the scenario holds more than 100000 values once its aliases are"
                + " expanded (an alias of aliases of aliases?); a scenario that large is a"
                + " mistake"),
        arguments(
            "nesting deeper than 64",
            OK_HEAD
                + OK_LOAD
                + "request: { body: { x: "
                + "[".repeat(70)
                + "]".repeat(70)
                + " } }\n",
            "s.yaml:3:85: nested more than 64 levels deep; a scenario needs far fewer"));
  }

  /** Nine lists of nine aliases of the one before: 9^9 values once expanded. */
  private static String laughs() {
    StringBuilder sb = new StringBuilder("request:\n  body:\n    a0: &a0 [lol, lol, lol]\n");
    for (int i = 1; i <= 9; i++) {
      sb.append("    a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        sb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      sb.append("]\n");
    }
    return sb.toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("yaml")
  void yamlErrors(String name, String text, String expected) {
    Fixture f = new Fixture(dir);
    assertThat(f.yamlError(text)).isEqualTo(expected.replace("<dir>", dir.toString()));
  }

  static Stream<Arguments> json() {
    return Stream.of(
        arguments(
            "unknown key",
            "{\n  \"target\": \"embedded\",\n  \"load\": {\"vus\": 1, \"duraton\": \"10s\"}\n}",
            "s.json:3:22: unknown key 'duraton', did you mean 'duration'?"),
        arguments(
            "wrong type",
            "{\n  \"target\": \"embedded\",\n  \"load\": {\"vus\": \"many\", \"duration\": \"10s\"}\n}",
            "s.json:3:19: load.vus: expected a positive whole number, got 'many'"),
        arguments(
            "template error inside a string",
            "{\"target\": \"embedded\", \"load\": {\"duration\": \"1s\"},\n"
                + " \"conversations\": [{\"turns\": [\"hi ${nope}\"]}]}",
            "s.json:2:35: conversations[0].turns[0]: unknown variable 'nope'; variables here:"
                + " conversation, iteration, turn, vu, uuid, random:MIN:MAX, env:NAME"),
        arguments(
            "threshold error inside a string",
            "{\"target\": \"embedded\", \"load\": {\"duration\": \"1s\"},\n"
                + " \"thresholds\": {\"ttft\": [\"p95 < 2 s\"]}}",
            "s.json:2:35: thresholds.ttft: unexpected 's' after the value; expected the end"),
        arguments(
            "syntax error",
            "{\"target\": \"embedded\",,}",
            "s.json:1:23: invalid syntax: Unexpected character (',' (code 44)): was expecting"
                + " double-quote to start field name"),
        arguments(
            "unclosed document",
            "{\"target\": \"embedded\"",
            "s.json:1:22: invalid syntax: Unexpected end-of-input: expected close marker for"
                + " Object (start marker at line 1, column 1)"),
        arguments(
            "duplicate key",
            "{\"target\": \"embedded\",\n \"target\": \"embedded\"}",
            "s.json:2:2: duplicate key 'target' (first written at line 1)"),
        arguments(
            "missing target",
            "{\"load\": {\"duration\": \"1s\"}}",
            "s.json:1:1: missing key 'target' (a URL like http://127.0.0.1:8080, or embedded; or"
                + " give --target)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("json")
  void jsonErrors(String name, String text, String expected) {
    assertThat(new Fixture(dir).jsonError(text)).isEqualTo(expected);
  }
}
