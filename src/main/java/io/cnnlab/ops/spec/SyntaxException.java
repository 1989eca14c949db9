package io.cnnlab.ops.spec;

/** A layer token that does not parse: names the token, the problem and the expected form. */
public final class SyntaxException extends IllegalArgumentException {
  private final String token;

  public SyntaxException(String token, String problem, String expected) {
    super("layer '" + token + "': " + problem + "; expected " + expected);
    this.token = token;
  }

  /** The token as given. */
  public String token() {
    return token;
  }
}
