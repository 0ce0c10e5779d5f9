package dev.streamstorm.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamstorm.scenario.Template.Env;
import dev.streamstorm.scenario.Template.Literal;
import dev.streamstorm.scenario.Template.RandomInt;
import dev.streamstorm.scenario.Template.Uuid;
import dev.streamstorm.scenario.Template.Variable;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateParserTest {

  static final TemplateScope SCOPE =
      new TemplateScope(
          Set.of("message", "vu", "iteration", "conversation", "turn", "session_id", "prompt"),
          Set.of("message", "vu", "iteration", "conversation", "turn", "session_id", "prompt"),
          "");
  static final TemplateScope SESSION =
      new TemplateScope(Set.of("vu"), SCOPE.allNames(), "only ${vu} exists then");

  static Template parse(String text) {
    return TemplateParser.parse(text, SCOPE, name -> name.equals("API_KEY"));
  }

  @Test
  void plainTextIsOneLiteral() {
    Template t = parse("What are your business hours?");
    assertThat(t.parts()).containsExactly(new Literal("What are your business hours?"));
    assertThat(t.isConstant()).isTrue();
    assertThat(parse("").parts()).containsExactly(new Literal(""));
  }

  @Test
  void everyPlaceholderKind() {
    Template t =
        parse(
            "u${vu}-${iteration}:${conversation}/${turn} ${message} ${uuid} ${random:1:100} ${env:API_KEY} ${session_id} ${prompt}");
    assertThat(t.parts())
        .containsExactly(
            new Literal("u"),
            new Variable("vu"),
            new Literal("-"),
            new Variable("iteration"),
            new Literal(":"),
            new Variable("conversation"),
            new Literal("/"),
            new Variable("turn"),
            new Literal(" "),
            new Variable("message"),
            new Literal(" "),
            new Uuid(),
            new Literal(" "),
            new RandomInt(1, 100),
            new Literal(" "),
            new Env("API_KEY"),
            new Literal(" "),
            new Variable("session_id"),
            new Literal(" "),
            new Variable("prompt"));
    assertThat(t.source()).startsWith("u${vu}");
  }

  @Test
  void randomAcceptsNegativesAndEqualBounds() {
    assertThat(parse("${random:-5:5}").parts()).containsExactly(new RandomInt(-5, 5));
    assertThat(parse("${random:7:7}").parts()).containsExactly(new RandomInt(7, 7));
  }

  @Test
  void escapesWriteALiteralPlaceholder() {
    Template t = parse("cost: $${price} and $5 and ${vu}$");
    assertThat(t.parts())
        .containsExactly(
            new Literal("cost: ${price} and $5 and "), new Variable("vu"), new Literal("$"));
    Template only = parse("$${vu}");
    assertThat(only.parts()).containsExactly(new Literal("${vu}"));
    assertThat(only.isConstant()).isTrue();
  }

  @Test
  void rendersWithAContext() {
    TemplateContext ctx =
        new TemplateContext() {
          @Override
          public String variable(String name) {
            return name.equals("vu") ? "7" : "?";
          }

          @Override
          public String env(String name) {
            return "secret";
          }

          @Override
          public String uuid() {
            return "U";
          }

          @Override
          public long randomInt(long min, long max) {
            return max;
          }
        };
    assertThat(parse("user-${vu} ${env:API_KEY} ${uuid} ${random:1:9} $${x}").render(ctx))
        .isEqualTo("user-7 secret U 9 ${x}");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "hello ${vu                   | 6  | unclosed '${': expected '}'",
        "${}                          | 0  | empty placeholder '${}': expected a variable name",
        "a ${mesage}                  | 2  | unknown variable 'mesage', did you mean 'message'?",
        "${zzz}                       | 0  | unknown variable 'zzz'; variables here: conversation, iteration, message, prompt, session_id, turn, vu, uuid, random:MIN:MAX, env:NAME",
        "x ${env:MISSING}             | 2  | environment variable 'MISSING' is not set (used as ${env:MISSING})",
        "${env:}                      | 0  | expected ${env:NAME} with an environment variable name, got '${env:}'",
        "${random:5:1}                | 0  | expected ${random:MIN:MAX} with whole numbers MIN <= MAX, got '${random:5:1}'",
        "${random:a:b}                | 0  | expected ${random:MIN:MAX} with whole numbers MIN <= MAX, got '${random:a:b}'",
        "${random}                    | 0  | expected ${random:MIN:MAX} with whole numbers MIN <= MAX, got '${random}'",
        "${date:now}                  | 0  | unknown function 'date' in '${date:now}': expected env:NAME or random:MIN:MAX",
        "${a b}                       | 0  | expected a variable name in '${a b}'",
      })
  void errorsSayWhatAndWhere(String text, int offset, String message) {
    assertThatThrownBy(() -> parse(text))
        .isInstanceOfSatisfying(
            TemplateParser.SyntaxException.class,
            e -> {
              assertThat(e.getMessage()).isEqualTo(message);
              assertThat(e.offset()).isEqualTo(offset);
            });
  }

  @Test
  void aVariableOfAnotherPlaceSaysWhyItIsNotHere() {
    assertThatThrownBy(() -> TemplateParser.parse("${message}", SESSION, n -> true))
        .hasMessage("variable 'message' is not available here: only ${vu} exists then");
  }
}
