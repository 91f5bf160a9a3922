package dev.vmodem.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Every input the long fuzz runs ({@code scripts/fuzz}) found, as a plain JUnit test: the fuzz targets' corpora replay
 * them too, but a test here says what went wrong and stays if a corpus is ever pruned. One test per finding, named
 * after what it found; see docs/reliability.md for the list.
 */
class FuzzFindingsTest {

    /**
     * AtLineCodecFuzzTest, first long run: S3 = 'T', then "c \x04 \x1d T LF LF". The 'T' ends nothing (no line is
     * open) but sets the after-S3 flag, so the first LF is dropped from the echo, the second kept; the check for an S3
     * that can also be part of {@code AT} matched the echo's LF to the first input LF and then refused the second.
     * A bug in the test's check, not in the codec; the check now compares LF runs.
     */
    @Test
    void codecS3LetterThenTwoLfs() {
        byte[] input = {'T', 0x1d, 'c', 0x04, 0x1d, 'T', 0x0a, 0x0a};
        AtLineCodecFuzzTest.run(input);
        byte[] echo = AtLineCodecFuzzTest.feed(new byte[] {'c', 0x04, 0x1d, 'T', 0x0a, 0x0a}, (byte) 'T', (byte) 0x1d,
            new int[] {6}).echo.toByteArray();
        assertThat(echo).containsExactly('c', 0x04, 0x1d, 'T', 0x0a);
    }
}
