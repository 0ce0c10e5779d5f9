package dev.streamstorm.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output files: whole or absent, and what the user named is written, never replaced. */
class AtomicFilesTest {
  @TempDir Path dir;

  private static void write(Path file, String text) throws IOException {
    AtomicFiles.write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aNewFileTakesThePermissionsTheUmaskGivesNotOwnerOnly() throws Exception {
    Path file = dir.resolve("results.json");
    write(file, "{}");
    String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    // Whatever the umask, the file is readable by its group as a program's output is (022:
    // rw-r--r--;
    // 002: rw-rw-r--), not rw------- as a temporary file is created.
    assertThat(perms).startsWith("rw-r");
  }

  @Test
  void aReplacedFileKeepsItsPermissions() throws Exception {
    Path file = dir.resolve("report.html");
    write(file, "one");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
    write(file, "two");
    assertThat(Files.readString(file)).isEqualTo("two");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-rw-rw-");
  }

  @Test
  void aSymbolicLinkIsFollowedAndStaysALink() throws Exception {
    Path target = dir.resolve("real.json");
    Path link = dir.resolve("link.json");
    Files.createSymbolicLink(link, target.getFileName());
    write(link, "{\"a\":1}");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(target)).isEqualTo("{\"a\":1}");
  }

  @Test
  void aFifoIsWrittenInPlaceNotReplaced() throws Exception {
    Path fifo = dir.resolve("pipe");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mk.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(mk.exitValue()).isZero();
    CompletableFuture<String> read =
        CompletableFuture.supplyAsync(
            () -> {
              try (InputStream in = Files.newInputStream(fifo)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new RuntimeException(e);
              }
            });
    write(fifo, "through the pipe");
    assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo("through the pipe");
    assertThat(Files.isRegularFile(fifo)).isFalse();
    assertThat(Files.exists(fifo)).isTrue();
  }

  @Test
  void aPathThatCannotBeWrittenIsFoundBeforeTheRun() throws Exception {
    Path file = dir.resolve("a-file");
    Files.writeString(file, "x");
    assertThatThrownBy(() -> AtomicFiles.checkWritable(file.resolve("under-a-file.json")))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> AtomicFiles.checkWritable(dir)).hasMessageContaining("is a directory");
    AtomicFiles.checkWritable(dir.resolve("new/folder/results.json"));
    assertThat(Files.isDirectory(dir.resolve("new/folder"))).isTrue();
    assertThat(Files.exists(dir.resolve("new/folder/results.json"))).isFalse();
  }
}
