package dev.streamstorm.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which proxy a target takes, from the scenario or the environment, as curl decides it. */
class ProxyChoiceTest {

  private static Optional<ProxyChoice.Proxy> choose(
      ProxySpec spec, String target, Map<String, String> env) {
    return ProxyChoice.forTarget(spec, URI.create(target), env::get);
  }

  @Test
  void theTargetsSchemePicksTheVariableAndLowerCaseComesFirst() {
    Map<String, String> env =
        Map.of(
            "HTTPS_PROXY", "http://upper-tls:3128",
            "https_proxy", "http://lower-tls:3128",
            "HTTP_PROXY", "socks5://plain:1080");
    assertThat(choose(ProxySpec.FROM_ENVIRONMENT, "https://api.example.com", env))
        .hasValueSatisfying(
            p -> {
              assertThat(p.host()).isEqualTo("lower-tls");
              assertThat(p.source()).isEqualTo("https_proxy");
            });
    assertThat(choose(ProxySpec.FROM_ENVIRONMENT, "http://api.example.com", env))
        .hasValueSatisfying(
            p -> {
              assertThat(p.type()).isEqualTo(ProxyChoice.Type.SOCKS5);
              assertThat(p.source()).isEqualTo("HTTP_PROXY");
            });
    assertThat(choose(ProxySpec.FROM_ENVIRONMENT, "wss://api.example.com", env))
        .hasValueSatisfying(p -> assertThat(p.host()).isEqualTo("lower-tls"));
  }

  @Test
  void allProxyIsTheFallbackAndAnEmptyValueIsUnset() {
    Map<String, String> env = Map.of("https_proxy", "", "ALL_PROXY", "socks5h://all:9050");
    assertThat(choose(ProxySpec.FROM_ENVIRONMENT, "https://x.example", env))
        .hasValueSatisfying(
            p -> {
              assertThat(p.type()).isEqualTo(ProxyChoice.Type.SOCKS5);
              assertThat(p.port()).isEqualTo(9050);
              assertThat(p.source()).isEqualTo("ALL_PROXY");
            });
    assertThat(choose(ProxySpec.FROM_ENVIRONMENT, "https://x.example", Map.of())).isEmpty();
  }

  @Test
  void environmentOffIgnoresEveryVariable() {
    assertThat(choose(ProxySpec.NONE, "https://x.example", Map.of("HTTPS_PROXY", "http://p:1")))
        .isEmpty();
  }

  @Test
  void theScenariosUrlWinsOverTheEnvironmentAndItsCredentialsAreNeverShown() {
    ProxySpec spec =
        new ProxySpec(
            Optional.of(Template.literal("http://alice:s%40cret@proxy.internal:3128")),
            Optional.empty(),
            Optional.empty(),
            true,
            Optional.empty());
    ProxyChoice.Proxy p =
        choose(spec, "https://x.example", Map.of("HTTPS_PROXY", "http://other:1")).orElseThrow();
    assertThat(p.host()).isEqualTo("proxy.internal");
    assertThat(p.username()).isEqualTo("alice");
    assertThat(p.password()).isEqualTo("s@cret");
    assertThat(p.describe())
        .isEqualTo("http://***@proxy.internal:3128 (from connection.proxy.url)")
        .doesNotContain("alice")
        .doesNotContain("cret");
    assertThat(p.toString()).isEqualTo(p.describe());
  }

  @Test
  void usernameAndPasswordKeysOverrideTheUrlsAndComeFromTheEnvironment() {
    ProxySpec spec =
        new ProxySpec(
            Optional.empty(),
            Optional.of(Template.literal("bob")),
            Optional.of(new Template("${env:PW}", java.util.List.of(new Template.Env("PW")))),
            true,
            Optional.empty());
    ProxyChoice.Proxy p =
        choose(spec, "http://x.example", Map.of("http_proxy", "http://u:p@h:8080", "PW", "pw1"))
            .orElseThrow();
    assertThat(p.username()).isEqualTo("bob");
    assertThat(p.password()).isEqualTo("pw1");
  }

  @Test
  void aProxyWithoutPortTakesCurlsDefaultAndAHostAloneIsHttp() {
    ProxyChoice.Proxy p = ProxyChoice.parse("proxy.example", "HTTP_PROXY");
    assertThat(p.type()).isEqualTo(ProxyChoice.Type.HTTP);
    assertThat(p.port()).isEqualTo(1080);
  }

  @Test
  void unusableProxyUrlsAreRefusedWithoutShowingTheirCredentials() {
    assertThatThrownBy(() -> ProxyChoice.parse("https://u:topsecret@p:443", "HTTPS_PROXY"))
        .hasMessageContaining("HTTPS_PROXY (https://***@p:443)")
        .hasMessageContaining("TLS to the proxy")
        .message()
        .doesNotContain("topsecret");
    assertThatThrownBy(() -> ProxyChoice.parse("socks4://p:1080", "ALL_PROXY"))
        .hasMessageContaining("unsupported proxy scheme 'socks4'");
    assertThatThrownBy(() -> ProxyChoice.parse("http://p:3128/path", "x"))
        .hasMessageContaining("has no path");
  }

  @ParameterizedTest(name = "NO_PROXY={0}, {1}:{2} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "*|anything.example|443|true",
        "example.com|example.com|443|true",
        "example.com|api.example.com|443|true",
        ".example.com|example.com|443|true",
        ".example.com|api.example.com|443|true",
        "example.com|notexample.com|443|false",
        "EXAMPLE.com.|Api.Example.COM|443|true",
        "a.test, example.com ,b.test|x.example.com|443|true",
        "a.test b.test|b.test|443|true",
        "example.com:8443|api.example.com|8443|true",
        "example.com:8443|api.example.com|443|false",
        "localhost|localhost|80|true",
        "example.com|localhost|80|false",
        "example.com|127.0.0.1|80|false",
        "127.0.0.1|127.0.0.1|80|true",
        "127.0.0.1:8080|127.0.0.1|80|false",
        "10.0.0.0/8|10.20.30.40|80|true",
        "10.0.0.0/8|11.0.0.1|80|false",
        "192.168.1.1|192.168.1.10|80|false",
        "::1|[::1]|80|true",
        "[::1]:80|[::1]|80|true",
        "fd00::/8|[fd12::1]|80|true",
        "127.0.0.1|localhost|80|false",
      })
  void noProxyMatchesLikeCurl(String list, String host, int port, boolean bypassed) {
    assertThat(ProxyChoice.bypasses(list, host, port)).isEqualTo(bypassed);
  }

  @Test
  void noProxyBypassesTheEnvironmentsProxyAndTheScenariosListReplacesIt() {
    Map<String, String> env =
        Map.of("HTTPS_PROXY", "http://p:3128", "NO_PROXY", "internal.example");
    assertThat(choose(ProxySpec.FROM_ENVIRONMENT, "https://api.internal.example", env)).isEmpty();
    assertThat(choose(ProxySpec.FROM_ENVIRONMENT, "https://api.example.org", env)).isPresent();
    ProxySpec own =
        new ProxySpec(
            Optional.empty(), Optional.empty(), Optional.empty(), true, Optional.of("example.org"));
    assertThat(choose(own, "https://api.internal.example", env)).isPresent();
    assertThat(choose(own, "https://api.example.org", env)).isEmpty();
  }
}
