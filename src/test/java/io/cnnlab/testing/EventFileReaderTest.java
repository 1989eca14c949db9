package io.cnnlab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventFileReaderTest {
  @Test
  void crc32cGivesThePublishedCheckValue() {
    // CRC-32C of "123456789" (RFC 3720, and every CRC catalogue's check value).
    byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0xE3069283, EventFileReader.crc32c(digits, 0, digits.length));
    // 32 zero bytes (RFC 3720, B.4).
    assertEquals(0x8A9136AA, EventFileReader.crc32c(new byte[32], 0, 32));
  }
}
