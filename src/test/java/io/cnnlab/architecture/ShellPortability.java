package io.cnnlab.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What keeps a shell script from running on macOS, whose /bin/bash is 3.2 and whose tools are BSD's: the
 * constructs bash 4 and later added, and the GNU-only tools and options. Lines are matched with comments
 * removed; a script is clean when {@link #violations} finds nothing.
 */
final class ShellPortability {
  /** One construct: a pattern that finds it in a line, and what to write instead. */
  record Rule(String name, Pattern pattern, String instead) {
    static Rule of(String name, String regex, String instead) {
      return new Rule(name, Pattern.compile(regex), instead);
    }
  }

  /** Constructs bash 4.0-5.x added; macOS's bash 3.2 stops on them. */
  static final List<Rule> BASH4 = List.of(
      Rule.of("declare -A/-n/-g/-l/-u", "\\b(declare|local|typeset)\\s+-[a-zA-Z]*[Anglu]",
          "plain variables, or a space-separated list with a lookup function"),
      Rule.of("mapfile/readarray", "\\b(mapfile|readarray)\\b", "a while read loop"),
      Rule.of("case conversion ${x,,} ${x^^}", "\\$\\{[A-Za-z_][A-Za-z0-9_]*(\\[[^\\]]*\\])?(,|\\^)", "tr '[:upper:]' '[:lower:]'"),
      Rule.of("|& (pipe stderr too)", "\\|&", "2>&1 |"),
      Rule.of("&>> (append both)", "&>>", ">>file 2>&1"),
      Rule.of("coproc", "\\bcoproc\\b", "a background job and a fifo"),
      Rule.of("${x@Q} transformations", "\\$\\{[^}]*@[QEPAaKkUuL]\\}", "printf %q"),
      Rule.of("[[ -v ]]", "(\\[\\[|\\btest)\\s+-v\\s", "[[ -n ${x+set} ]]"),
      Rule.of(";;& and ;& in case", ";;&|;&\\s*$", "repeat the branch"),
      Rule.of("negative array index", "\\$\\{[A-Za-z_][A-Za-z0-9_]*\\[-[0-9]", "${a[${#a[@]}-1]}"),
      Rule.of("wait -n", "\\bwait\\s+-n\\b", "wait for each pid"),
      Rule.of("shopt globstar/lastpipe", "\\bshopt\\s+-s\\s+(globstar|lastpipe|autocd|direxpand)", "find"),
      Rule.of("$BASHPID/$EPOCHSECONDS", "\\$\\{?(BASHPID|EPOCHSECONDS|EPOCHREALTIME|BASH_ARGV0)\\b", "$$, date +%s"),
      Rule.of("{a..b..step}", "\\{[0-9]+\\.\\.[0-9]+\\.\\.[0-9]+\\}", "seq FIRST STEP LAST"),
      Rule.of("printf %(...)T", "%\\([^)]*\\)T", "date"));

  /** GNU tools and options that BSD userland (macOS) lacks. */
  static final List<Rule> GNU = List.of(
      Rule.of("sha256sum/md5sum", "\\b(sha256sum|sha1sum|md5sum)\\b", "cnnlab datasets digest|check (Java)"),
      Rule.of("nproc", "\\bnproc\\b", "getconf _NPROCESSORS_ONLN"),
      Rule.of("stat -c", "\\bstat\\s+(-c|--format|--printf)", "wc -c < FILE"),
      Rule.of("od --endian", "--endian", "od -tx1 and $((16#...))"),
      Rule.of("readlink -f", "\\breadlink\\s+-f", "cd \"$(dirname ...)\" && pwd"),
      Rule.of("sed -i", "\\bsed\\s+(-[a-zA-Z]+\\s+)*-i", "sed ... > tmp && mv tmp file"),
      Rule.of("grep -P", "\\bgrep\\s+(-[a-zA-Z]+\\s+)*-[a-zA-Z]*P", "grep -E"),
      Rule.of("xargs -r", "\\bxargs\\s+(-[a-zA-Z]+\\s+)*-r\\b", "a test before xargs"),
      Rule.of("date -d / %N", "\\bdate\\s+-d\\b|\\bdate\\b[^|;]*%N", "date +%s"),
      Rule.of("find -printf", "\\bfind\\b.*\\s-printf\\b", "find ... -exec"),
      Rule.of("sort -V", "\\bsort\\s+(-[a-zA-Z]+\\s+)*-[a-zA-Z]*V", "sort -t. -k1,1n ..."),
      Rule.of("timeout", "(^|[;&|(]\\s*|\\s)timeout\\s+[0-9]", "a background job and kill"));

  private ShellPortability() {}

  /** Each line of {@code script} matching a rule, as {@code line N: name: the line (instead: ...)}. */
  static List<String> violations(String script, List<Rule> rules) {
    List<String> found = new ArrayList<>();
    String[] lines = script.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String code = withoutComment(lines[i]);
      for (Rule rule : rules) {
        if (rule.pattern().matcher(code).find()) {
          found.add("line " + (i + 1) + ": " + rule.name() + ": " + lines[i].strip() + " (instead: " + rule.instead() + ")");
        }
      }
    }
    return found;
  }

  /** The line without a comment: a line starting with #, or from a # after a blank (not ${#x} or $#). */
  static String withoutComment(String line) {
    if (line.stripLeading().startsWith("#")) {
      return "";
    }
    return line.replaceFirst("\\s#(\\s.*)?$", "");
  }
}
