package dev.vmodem.at.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {

    /** A compact picture of a parsed line: name, form, register, arguments ("q" marks a quoted one). */
    private static String show(String line) throws ParseException {
        return CommandParser.parse(line).stream().map(CommandParserTest::show).collect(Collectors.joining(" | "));
    }

    private static String show(Request r) {
        StringBuilder b = new StringBuilder(r.name());
        if (r.register() >= 0) {
            b.append(r.register());
        }
        b.append(' ').append(r.form());
        for (Request.Arg a : r.args()) {
            b.append(" [").append(a.text()).append(a.quoted() ? "]q" : "]");
        }
        return b.toString();
    }

    @Test
    void emptyLineHasNoRequests() throws ParseException {
        assertThat(CommandParser.parse("")).isEmpty();
        assertThat(CommandParser.parse(" ;; ")).isEmpty();
    }

    @Test
    void basicCommandsNeedNoSeparator() throws ParseException {
        assertThat(show("E0V1Q0X4")).isEqualTo("E EXECUTE [0] | V EXECUTE [1] | Q EXECUTE [0] | X EXECUTE [4]");
        assertThat(show("E")).isEqualTo("E EXECUTE");
        assertThat(show("I")).isEqualTo("I EXECUTE");
        assertThat(show("Z0")).isEqualTo("Z EXECUTE [0]");
    }

    @Test
    void ampersandCommands() throws ParseException {
        assertThat(show("&F&W0&C1&D2")).isEqualTo("&F EXECUTE | &W EXECUTE [0] | &C EXECUTE [1] | &D EXECUTE [2]");
        assertThatThrownBy(() -> CommandParser.parse("&")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> CommandParser.parse("&1")).isInstanceOf(ParseException.class);
    }

    @Test
    void lowerCaseIsUpperCased() throws ParseException {
        assertThat(show("e0&w+cmee=2;+cgmi")).isEqualTo("E EXECUTE [0] | &W EXECUTE | +CMEE WRITE [2] | +CGMI EXECUTE");
        assertThat(show("s7?")).isEqualTo("S7 READ");
    }

    @Test
    void extendedCommandsInTheFourForms() throws ParseException {
        assertThat(show("+CMEE=?")).isEqualTo("+CMEE TEST");
        assertThat(show("+CMEE?")).isEqualTo("+CMEE READ");
        assertThat(show("+CMEE=2")).isEqualTo("+CMEE WRITE [2]");
        assertThat(show("+CMEE")).isEqualTo("+CMEE EXECUTE");
        assertThat(show("#FTPGET=1")).isEqualTo("#FTPGET WRITE [1]");
    }

    @Test
    void basicCommandsInReadAndTestForms() throws ParseException {
        assertThat(show("E?")).isEqualTo("E READ");
        assertThat(show("E=?")).isEqualTo("E TEST");
        assertThat(show("&C?")).isEqualTo("&C READ");
    }

    @Test
    void severalCommandsOnOneLine() throws ParseException {
        assertThat(show("E0V1;+CMEE=2;+CGMI")).isEqualTo(
            "E EXECUTE [0] | V EXECUTE [1] | +CMEE WRITE [2] | +CGMI EXECUTE");
        // the SIM800 manual's own example line
        assertThat(show("E1Q0S0=1S3=13V1X4;+IFC=0,0;+IPR=115200;&W")).isEqualTo(
            "E EXECUTE [1] | Q EXECUTE [0] | S0 WRITE [1] | S3 WRITE [13] | V EXECUTE [1] | X EXECUTE [4]"
                + " | +IFC WRITE [0] [0] | +IPR WRITE [115200] | &W EXECUTE");
        assertThat(show("+CGMI;+CGMM;")).isEqualTo("+CGMI EXECUTE | +CGMM EXECUTE");
    }

    @Test
    void anExtendedCommandMustBeEndedBySemicolon() {
        assertThatThrownBy(() -> CommandParser.parse("+CMEE?E0")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> CommandParser.parse("+CGMI+CGMM")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> CommandParser.parse("+CMEE=?x")).isInstanceOf(ParseException.class);
    }

    @Test
    void argumentsAreSplitAtCommas() throws ParseException {
        assertThat(show("+SAPBR=3,1,\"APN\",\"CMNET\"")).isEqualTo(
            "+SAPBR WRITE [3] [1] [APN]q [CMNET]q");
        assertThat(show("+X=1,,3")).isEqualTo("+X WRITE [1] [] [3]");
        assertThat(show("+X=")).isEqualTo("+X WRITE []");
        assertThat(show("+X=1,")).isEqualTo("+X WRITE [1] []");
    }

    @Test
    void quotedStringsKeepCommasSemicolonsAndSpaces() throws ParseException {
        assertThat(show("+FTPPUTNAME=\"a,b;c d.txt\";+CGMI")).isEqualTo(
            "+FTPPUTNAME WRITE [a,b;c d.txt]q | +CGMI EXECUTE");
        assertThat(show("+X=\"\",\"+\"")).isEqualTo("+X WRITE []q [+]q");
        assertThat(show("+CCLK=\"24/05/06,22:10:00+08\"")).isEqualTo("+CCLK WRITE [24/05/06,22:10:00+08]q");
    }

    @Test
    void anEmptyQuotedStringIsPresent() throws ParseException {
        Request r = CommandParser.parse("+X=\"\",").get(0);
        assertThat(r.has(0)).isTrue();
        assertThat(r.has(1)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+X=\"abc", "+X=1,\"abc", "+X=\"a\"\"", "+X=\"a;b", "+CGMI;+X=\"", "+X=a\"b\"",
        "+X=\"a\"b"})
    void unterminatedOrMisplacedQuotesAreSyntaxErrors(String line) {
        assertThatThrownBy(() -> CommandParser.parse(line)).isInstanceOf(ParseException.class);
    }

    @Test
    void spacesOutsideQuotesAreIgnored() throws ParseException {
        assertThat(show(" E0 V1 ")).isEqualTo("E EXECUTE [0] | V EXECUTE [1]");
        assertThat(show("+CMEE = 2 ; +CGMI")).isEqualTo("+CMEE WRITE [2] | +CGMI EXECUTE");
        assertThat(show("+CMEE= ?")).isEqualTo("+CMEE TEST");
        assertThat(show("+CMEE ?")).isEqualTo("+CMEE READ");
        assertThat(show("+X= 1 , \"a b\" ")).isEqualTo("+X WRITE [1] [a b]q");
    }

    @Test
    void sRegisters() throws ParseException {
        assertThat(show("S0?")).isEqualTo("S0 READ");
        assertThat(show("S7=30")).isEqualTo("S7 WRITE [30]");
        assertThat(show("S7=")).isEqualTo("S7 WRITE []");
        assertThat(show("S10=?")).isEqualTo("S10 TEST");
        assertThat(show("S3=13S4=10")).isEqualTo("S3 WRITE [13] | S4 WRITE [10]");
        assertThat(show("S0=1E0")).isEqualTo("S0 WRITE [1] | E EXECUTE [0]");
        assertThat(show("S7=1x")).isEqualTo("S7 WRITE [1] | X EXECUTE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"S", "S?", "S=1", "S7", "S1000?", "Sx?", "S7=1?"})
    void malformedSRegistersAreSyntaxErrors(String line) {
        assertThatThrownBy(() -> CommandParser.parse(line)).isInstanceOf(ParseException.class);
    }

    @Test
    void dialStringRunsToTheSemicolon() throws ParseException {
        assertThat(show("D*99#")).isEqualTo("D EXECUTE [*99#]");
        assertThat(show("D+123456;")).isEqualTo("D EXECUTE [+123456;]");
        assertThat(show("D123;+CGMI")).isEqualTo("D EXECUTE [123;] | +CGMI EXECUTE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+", "#", "+=1", "1", "E0=1", "?", "E0,", "\u00ff", "+CMEE=2;!"})
    void strayCharactersAreSyntaxErrors(String line) {
        assertThatThrownBy(() -> CommandParser.parse(line)).isInstanceOf(ParseException.class);
    }

    @Test
    void rawTextIsKeptForEachRequest() throws ParseException {
        List<Request> rs = CommandParser.parse("E0;+CMEE=2 ;+CGMI");
        assertThat(rs).extracting(Request::raw).containsExactly("E0", "+CMEE=2", "+CGMI");
    }

    @Test
    void integersAreCheckedByTheRequest() throws Exception {
        Request r = CommandParser.parse("+X=7, 12 ,abc,,99999999999999999999").get(0);
        assertThat(r.integer(0, 0, 9)).isEqualTo(7);
        assertThat(r.integer(1, 0, 20)).isEqualTo(12);
        assertThatThrownBy(() -> r.integer(0, 8, 9)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> r.integer(2, 0, 9)).hasMessageContaining("not a number");
        assertThat(r.integer(3, 0, 9, 5)).isEqualTo(5);
        assertThatThrownBy(() -> r.integer(4, 0, 9)).hasMessageContaining("not a number");
        assertThatThrownBy(() -> r.integer(9, 0, 9)).hasMessageContaining("missing argument");
    }
}
