package dev.vmodem.bench;

import dev.vmodem.at.codec.AtLineCodec;
import dev.vmodem.at.data.DleEtxDecoder;
import dev.vmodem.at.data.DleEtxEncoder;
import dev.vmodem.at.parser.CommandParser;
import dev.vmodem.at.parser.ParseException;
import dev.vmodem.at.parser.Request;
import dev.vmodem.modem.Modem;
import dev.vmodem.store.ByteStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JMH micro benchmarks of the byte paths: line codec, command parser, dispatch through the whole engine, DLE/ETX
 * encode and decode, and the byte store. Run by {@code scripts/bench} with the GC profiler, so the report shows
 * allocation per operation next to the time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MicroBenchmarks {

    static final byte[] LINE = "AT+CSQ\r".getBytes(StandardCharsets.ISO_8859_1);
    static final String PARSE = "E0V1;+CMEE=2;+SAPBR=3,1,\"APN\",\"internet\";+CGMI";
    static final byte[] AT = "AT\r".getBytes(StandardCharsets.ISO_8859_1);

    AtLineCodec codec;
    AtLineCodec.Listener listener;
    Modem modem;
    byte[] payload;
    byte[] encoded;
    byte[] encodeOut;
    byte[] decodeOut;
    DleEtxDecoder decoder;
    ByteStore store;
    byte[] block;

    @Setup
    public void setup() {
        codec = new AtLineCodec();
        listener = new AtLineCodec.Listener() {
            @Override
            public void echo(byte[] bytes, int offset, int length) {
            }

            @Override
            public void line(String text) {
            }

            @Override
            public void lineTooLong(int length) {
            }

            @Override
            public void repeat() {
            }
        };
        modem = EndToEnd.discardingModem();
        payload = new byte[1460];
        new Random(7).nextBytes(payload);
        for (int i = 0; i < payload.length; i += 7) {
            payload[i] = (byte) (i % 2 == 0 ? 0x10 : 0x03);
        }
        encodeOut = new byte[DleEtxEncoder.maxEncodedLength(payload.length) + 1];
        int n = DleEtxEncoder.encode(payload, 0, payload.length, encodeOut, 0);
        n += DleEtxEncoder.end(encodeOut, n);
        encoded = java.util.Arrays.copyOf(encodeOut, n);
        decodeOut = new byte[encoded.length];
        decoder = new DleEtxDecoder();
        store = new ByteStore();
        block = new byte[1460];
    }

    /** One 7-byte command line through the codec. */
    @Benchmark
    public int lineCodec() {
        return codec.feed(LINE, 0, LINE.length, (byte) 13, (byte) 8, listener);
    }

    /** A line of four commands, one with quoted arguments, parsed into requests. */
    @Benchmark
    public List<Request> commandParser() throws ParseException {
        return CommandParser.parse(PARSE);
    }

    /** {@code AT\r} through the whole engine (codec, parser, registry, handler, encoder) to the link: ATE0. */
    @Benchmark
    public void dispatch() {
        modem.engine().received(AT, 0, AT.length);
    }

    /** 1460 payload bytes, one in seven a DLE or ETX, encoded. */
    @Benchmark
    public int dleEncode() {
        return DleEtxEncoder.encode(payload, 0, payload.length, encodeOut, 0);
    }

    /** The same block decoded, with its terminating ETX. */
    @Benchmark
    public int dleDecode() {
        decoder.reset();
        return decoder.decode(encoded, 0, encoded.length, decodeOut, 0);
    }

    /** A 1460-byte block written to the store and read back (the EXTPUT/EXTGET paths). */
    @Benchmark
    public void storeWriteRead(Blackhole bh) {
        store.write(0, block, 0, block.length);
        store.read(0, block, 0, block.length);
        bh.consume(block);
    }
}
