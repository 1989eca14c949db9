package io.cnnlab.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every shell script runs on bash 3.2 (macOS's /bin/bash), and those a user runs need no GNU-only tool: the
 * rules of {@link ShellPortability}, each shown to find its construct, then applied to the repository's scripts.
 * (shellcheck, `make shellcheck`, checks the rest; it does not know bash versions.)
 */
class ScriptPortabilityTest {
  /** Scripts that run only on Linux, and why: they may use GNU tools (never bash 4). */
  private static final Map<String, String> LINUX_ONLY = Map.of(
      "bin/slurm-test", "starts Slurm and munge daemons with runuser: Linux only",
      "bench/env-ab.sh", "compares glibc malloc settings, with GNU time's -f",
      "bench/tensorboard-ab.sh", "times whole commands to the millisecond with GNU date's %N");

  @Test
  void eachBash4ConstructIsFound() {
    List<String> bash4 = List.of("declare -A status", "  local -A seen=()", "declare -n ref=x", "declare -g x=1",
        "mapfile -t lines < f", "readarray a", "echo ${name,,}", "echo ${name^^}", "echo ${arr[1],}", "make |& tee log",
        "cmd &>> log", "coproc worker { cat; }", "echo ${x@Q}", "if [[ -v x ]]; then :; fi", "  a) echo ;;&",
        "echo ${a[-1]}", "wait -n", "shopt -s globstar", "echo $BASHPID", "for i in {1..9..2}; do :; done",
        "printf '%(%F)T'");
    for (String line : bash4) {
      assertEquals(1, ShellPortability.violations(line, ShellPortability.BASH4).size(), line);
    }
  }

  @Test
  void bash32CodeIsNotMistakenForBash4() {
    String script = String.join("\n", "declare -a list=()", "local x=1 y", "list+=(\"$1\")", "echo ${#list[@]}",
        "echo ${x%%,*} ${x#*,} ${x/,/;} ${x:-a,b}", "cmd 2>&1 | tee log", "[[ $x =~ ^[0-9]+$ ]] && echo \"$#\"",
        "read -ra parts <<< \"$x\"", "case $x in a) ;; esac", "echo ${!x} ${x:0:8} $((16#${x:0:8}))",
        "for i in $(seq 1 2 9); do :; done", "# declare -A in a comment", "echo ok  # mapfile in a comment");
    assertEquals(List.of(), ShellPortability.violations(script, ShellPortability.BASH4));
  }

  @Test
  void eachGnuOnlyToolIsFound() {
    List<String> gnu = List.of("content | sha256sum | cut -d' ' -f1", "md5sum < f", "cpus=$(nproc)",
        "size=$(stat -c %s f)", "od -An -tu4 --endian=big", "readlink -f \"$0\"", "sed -i 's/a/b/' f",
        "grep -oP 'x\\d'", "xargs -r rm", "date -d yesterday", "date +%s%N", "find . -printf '%s'",
        "sort -V versions", "timeout 5 curl x");
    for (String line : gnu) {
      assertEquals(1, ShellPortability.violations(line, ShellPortability.GNU).size(), line);
    }
    String portable = String.join("\n", "wc -c < f", "getconf _NPROCESSORS_ONLN", "od -An -tx1", "sed -n 2p f",
        "grep -E 'x[0-9]'", "date -u +%FT%TZ", "cd \"$(dirname \"$0\")\" && pwd", "sort -n f", "stat_of x");
    assertEquals(List.of(), ShellPortability.violations(portable, ShellPortability.GNU));
  }

  @Test
  void everyScriptRunsOnBash32AndUserScriptsNeedNoGnuTool() throws IOException {
    List<Path> scripts = scripts();
    assertTrue(scripts.contains(Path.of("bin/cnnlab")) && scripts.contains(Path.of("datasets/lib.sh")),
        "found " + scripts);
    List<String> problems = new ArrayList<>();
    for (Path script : scripts) {
      String text = Files.readString(script);
      ShellPortability.violations(text, ShellPortability.BASH4).forEach(v -> problems.add(script + " " + v));
      if (!LINUX_ONLY.containsKey(script.toString())) {
        ShellPortability.violations(text, ShellPortability.GNU).forEach(v -> problems.add(script + " " + v));
      }
    }
    assertEquals(List.of(), problems, String.join("\n", problems));
  }

  /**
   * The shell scripts in bin/, datasets/ and .ci/ and anywhere under bench/ (build outputs aside): a bash or sh
   * shebang, or a .sh name. datasets/ is read one level deep: its subfolders hold installed data.
   */
  static List<Path> scripts() throws IOException {
    List<Path> found = new ArrayList<>();
    for (String dir : List.of("bin", "datasets", ".ci", "bench")) {
      try (Stream<Path> files = Files.walk(Path.of(dir), dir.equals("bench") ? Integer.MAX_VALUE : 1)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          if (!f.toString().contains("/target/") && (f.toString().endsWith(".sh") || shellShebang(f))) {
            found.add(f);
          }
        }
      }
    }
    return found;
  }

  private static boolean shellShebang(Path file) throws IOException {
    byte[] head;
    try (var in = Files.newInputStream(file)) {
      head = in.readNBytes(64);
    }
    String first = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).split("\n", 2)[0];
    return first.startsWith("#!") && (first.contains("bash") || first.endsWith("/sh"));
  }
}
