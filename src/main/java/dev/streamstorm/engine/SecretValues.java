package dev.streamstorm.engine;

import dev.streamstorm.metrics.Redactor;
import dev.streamstorm.scenario.JsonTemplate;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.SessionSpec;
import dev.streamstorm.scenario.Template;
import dev.streamstorm.scenario.TemplateContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The run's secrets: the values of every environment variable a template of the scenario names
 * ({@code ${env:API_KEY}}), and the literal values of headers that carry credentials.
 */
public final class SecretValues {
  static final Set<String> SENSITIVE_HEADERS =
      Set.of(
          "authorization",
          "proxy-authorization",
          "x-api-key",
          "api-key",
          "cookie",
          "x-auth-token",
          "openai-api-key",
          "anthropic-api-key",
          "x-goog-api-key");

  private SecretValues() {}

  /**
   * Masks the secrets of {@code s}: the run's traces use it, and so does what {@code try} prints.
   */
  public static Redactor redactor(Scenario s, Function<String, String> env) {
    List<String> values = new ArrayList<>();
    List<Template> templates = new ArrayList<>();
    headers(s.headers(), templates, values);
    headers(s.request().headers(), templates, values);
    templates.add(s.request().path());
    s.request().body().ifPresent(b -> templates.addAll(b.templates().values()));
    templates.add(s.websocket().path());
    templates.addAll(s.websocket().message().templates().values());
    for (SessionSpec.Step step : s.session().map(SessionSpec::steps).orElse(List.of())) {
      headers(step.request().headers(), templates, values);
      templates.add(step.request().path());
      step.request()
          .body()
          .map(JsonTemplate::templates)
          .ifPresent(t -> templates.addAll(t.values()));
    }
    proxyCredentials(s, env, values);
    for (Template t : templates) {
      for (Template.Part p : t.parts()) {
        if (p instanceof Template.Env e) {
          values.add(env.apply(e.name()));
        }
      }
    }
    return Redactor.of(values);
  }

  /**
   * The sensitive headers whose values are known only per user ({@code Bearer ${token}} with a
   * token from the session set-up): {@link #forUser} masks what they render to as well.
   */
  static List<Template> perUserHeaders(Scenario s) {
    List<Template> out = new ArrayList<>();
    List<Map<String, Template>> all = new ArrayList<>();
    all.add(s.headers());
    all.add(s.request().headers());
    for (SessionSpec.Step step : s.session().map(SessionSpec::steps).orElse(List.of())) {
      all.add(step.request().headers());
    }
    for (Map<String, Template> headers : all) {
      headers.forEach(
          (name, t) -> {
            if (SENSITIVE_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !t.isConstant()) {
              out.add(t);
            }
          });
    }
    return List.copyOf(out);
  }

  /**
   * {@code base} and what {@code perUser} render to for one user now: the masks for text about that
   * user's messages. Built only when there is such text (a failure, a traced message).
   */
  static Redactor forUser(Redactor base, List<Template> perUser, TemplateContext user) {
    if (perUser.isEmpty()) {
      return base;
    }
    List<String> values = new ArrayList<>();
    for (Template t : perUser) {
      String v = t.render(user);
      // "Bearer abc": the credential, so that the scheme still shows ("Bearer ***").
      int space = v.indexOf(' ');
      values.add(space > 0 ? v.substring(space + 1) : v);
    }
    return base.with(values);
  }

  /**
   * The proxy's user name and password, wherever they came from: {@code connection.proxy} (literal
   * or {@code ${env:...}}), or the user information of the proxy URL in the environment.
   */
  private static void proxyCredentials(
      Scenario s, Function<String, String> env, List<String> values) {
    s.target()
        .url()
        .flatMap(u -> NetworkRoute.proxy(s, u, env))
        .ifPresent(
            p -> {
              values.add(p.username());
              values.add(p.password());
            });
  }

  private static void headers(
      Map<String, Template> headers, List<Template> templates, List<String> values) {
    headers.forEach(
        (name, t) -> {
          templates.add(t);
          if (SENSITIVE_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && t.isConstant()) {
            String v = t.render(null);
            values.add(v);
            // "Bearer abc": the credential alone is secret too, wherever it appears.
            int space = v.indexOf(' ');
            if (space > 0) {
              values.add(v.substring(space + 1));
            }
          }
        });
  }
}
