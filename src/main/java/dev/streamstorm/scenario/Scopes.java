package dev.streamstorm.scenario;

import java.util.HashSet;
import java.util.Set;

/**
 * Which variables each kind of template in one scenario may use: what exists when it is rendered.
 *
 * @param session the session set-up request (once per user, before any conversation)
 * @param connection a WebSocket path (a connection is opened per user, after the session)
 * @param message a message request or frame
 * @param turn a turn's own text
 * @param headers the scenario-wide headers (sent with the session request too, when there is one)
 */
record Scopes(
    TemplateScope session,
    TemplateScope connection,
    TemplateScope message,
    TemplateScope turn,
    TemplateScope headers) {

  static Scopes of(Set<String> sessionVariables, Set<String> dataColumns, boolean hasSession) {
    Set<String> all = new HashSet<>(TemplateScope.MESSAGE_VARIABLES);
    all.addAll(sessionVariables);
    all.addAll(dataColumns);
    Set<String> connection = new HashSet<>(sessionVariables);
    connection.add("vu");
    Set<String> turn = new HashSet<>(all);
    turn.remove("message");
    TemplateScope session =
        new TemplateScope(
            Set.of("vu"),
            all,
            "the session request is sent once per user before any conversation, so it knows only"
                + " ${vu}");
    TemplateScope headers =
        hasSession
            ? new TemplateScope(
                Set.of("vu"),
                all,
                "headers are also sent with the session request, which knows only ${vu}; put"
                    + " per-message headers under request.headers")
            : new TemplateScope(all, all, "");
    return new Scopes(
        session,
        new TemplateScope(
            Set.copyOf(connection),
            all,
            "the connection is opened per user before any conversation, so it knows only ${vu}"
                + " and the session's variables"),
        new TemplateScope(Set.copyOf(all), all, ""),
        new TemplateScope(
            Set.copyOf(turn), all, "a turn's text cannot use ${message}: it is the message"),
        headers);
  }
}
