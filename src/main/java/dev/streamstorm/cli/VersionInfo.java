package dev.streamstorm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The streamstorm version, filtered into a resource at build time. */
public final class VersionInfo implements IVersionProvider {

  private static final String VERSION = load();

  public static String version() {
    return VERSION;
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "streamstorm " + VERSION,
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
    };
  }

  private static String load() {
    try (InputStream in =
        VersionInfo.class.getResourceAsStream("/streamstorm-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
