package dev.streamstorm.scenario;

import java.util.List;

/**
 * A string with {@code ${...}} placeholders, parsed once at load time so that rendering per message
 * is a walk over parts. Placeholders: {@code ${name}} (message, vu, iteration, conversation, turn,
 * session variables, data columns), {@code ${env:NAME}}, {@code ${uuid}}, {@code ${random:MIN:MAX}}.
 * {@code $${} writes a literal {@code ${}.
 *
 * @param source the text as written, for messages
 * @param parts the parsed pieces, in order
 */
public record Template(String source, List<Part> parts) {

  /** One piece of a template. */
  public sealed interface Part permits Literal, Variable, Env, Uuid, RandomInt {}

  /** Text copied as is. */
  public record Literal(String text) implements Part {}

  /** A named variable looked up in the render context. */
  public record Variable(String name) implements Part {}

  /** An environment variable, resolved when rendered (so secrets stay out of the model). */
  public record Env(String name) implements Part {}

  /** A fresh random UUID per render. */
  public record Uuid() implements Part {}

  /** A uniformly drawn integer in [min, max], inclusive. */
  public record RandomInt(long min, long max) implements Part {}

  /** A template that is one literal and needs no context. */
  public static Template literal(String text) {
    return new Template(text, List.of(new Literal(text)));
  }

  /** True when rendering can never differ from {@link #source()}. */
  public boolean isConstant() {
    return parts.stream().allMatch(p -> p instanceof Literal);
  }

  /** Renders with the given context. */
  public String render(TemplateContext ctx) {
    if (parts.size() == 1 && parts.get(0) instanceof Literal l) {
      return l.text();
    }
    StringBuilder sb = new StringBuilder(source.length() + 32);
    for (Part p : parts) {
      if (p instanceof Literal l) {
        sb.append(l.text());
      } else if (p instanceof Variable v) {
        sb.append(ctx.variable(v.name()));
      } else if (p instanceof Env e) {
        sb.append(ctx.env(e.name()));
      } else if (p instanceof RandomInt r) {
        sb.append(ctx.randomInt(r.min(), r.max()));
      } else {
        sb.append(ctx.uuid());
      }
    }
    return sb.toString();
  }
}
