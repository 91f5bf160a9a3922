package dev.vmodem.ftp;

/**
 * The SIMCom FTP error codes, as the modem reports them in {@code +FTPGET: 1,<error>}, {@code +FTPPUT: 1,<error>},
 * {@code +FTPDELE: 1,<error>} and the other FTP URCs. Every failure of {@link FtpSession} carries one of these (in an
 * {@link FtpException}), chosen from the real cause:
 *
 * <table>
 *   <caption>How real causes map to codes</caption>
 *   <tr><th>code</th><th>constant</th><th>real cause</th></tr>
 *   <tr><td>61</td><td>{@link #NET_ERROR}</td><td>network I/O error on the control connection that is not a
 *       timeout or an orderly close: connection reset, broken pipe, a bearer that went away</td></tr>
 *   <tr><td>62</td><td>{@link #DNS_ERROR}</td><td>the server name does not resolve
 *       ({@code NetAccess.DnsFailureException}, {@code UnknownHostException})</td></tr>
 *   <tr><td>63</td><td>{@link #CONNECT_ERROR}</td><td>the control connection cannot be opened: refused, no route,
 *       unreachable</td></tr>
 *   <tr><td>64</td><td>{@link #TIMEOUT}</td><td>a socket timeout: TCP connect or greeting (connect timeout), any other
 *       control reply or the TLS handshake (reply timeout), a data read that gets nothing or a data write that
 *       does not complete (data timeout)</td></tr>
 *   <tr><td>65</td><td>{@link #SERVER_ERROR}</td><td>the server ends the session: 421 to anything, a greeting that
 *       is not 2xx, the control connection closed by the server (EOF); also a negative reply to a command outside
 *       the rows below</td></tr>
 *   <tr><td>66</td><td>{@link #OPERATION_NOT_ALLOWED}</td><td>the call does not fit the session's state: a
 *       transfer while another is open, a command before connect or after close</td></tr>
 *   <tr><td>70</td><td>{@link #REPLY_ERROR}</td><td>a reply line that is not FTP ("Replay error" in the
 *       manuals is read as "reply error"): garbage or a truncated reply on the control connection</td></tr>
 *   <tr><td>71</td><td>{@link #USER_ERROR}</td><td>USER refused (530, or any 4xx/5xx), or the server wants an
 *       account (332) after USER or PASS</td></tr>
 *   <tr><td>72</td><td>{@link #PASSWORD_ERROR}</td><td>PASS refused (530 and other 4xx/5xx except 332)</td></tr>
 *   <tr><td>73</td><td>{@link #TYPE_ERROR}</td><td>TYPE A / TYPE I refused</td></tr>
 *   <tr><td>74</td><td>{@link #REST_ERROR}</td><td>REST not answered with 350</td></tr>
 *   <tr><td>75</td><td>{@link #PASSIVE_ERROR}</td><td>PASV/EPSV refused or its reply unparseable; the data
 *       connection to the passive port cannot be opened (refused or timed out); 425 in passive mode</td></tr>
 *   <tr><td>76</td><td>{@link #ACTIVE_ERROR}</td><td>PORT/EPRT refused; the local data listener cannot be
 *       opened; the server does not connect back within the data timeout; 425 in active mode</td></tr>
 *   <tr><td>77</td><td>{@link #OPERATE_ERROR}</td><td>DELE, MKD, RMD, RNFR, RNTO, SIZE, MDTM, CWD refused (550,
 *       553, 450, 502...)</td></tr>
 *   <tr><td>78</td><td>{@link #UPLOAD_ERROR}</td><td>STOR/APPE/STOU refused (550 permission, 553 bad name, 452/552
 *       no space); the transfer ends with a negative reply; the data connection breaks during an upload</td></tr>
 *   <tr><td>79</td><td>{@link #DOWNLOAD_ERROR}</td><td>RETR or LIST refused (550 no such file); the transfer ends
 *       with a negative reply (426, 451); the data connection breaks during a download</td></tr>
 *   <tr><td>80</td><td>{@link #SSL_ERROR}</td><td>TLS cannot be established: handshake failure on the control
 *       connection (implicit or after AUTH) or on a protected data connection, including a plain-text server on
 *       an implicit-TLS port</td></tr>
 *   <tr><td>81</td><td>{@link #SSL_FATAL_ALERT}</td><td>a TLS error after the control channel was
 *       established (fatal alert, bad record)</td></tr>
 *   <tr><td>82</td><td>{@link #SSL_AUTH_ERROR}</td><td>AUTH TLS not answered with 234 (or 334)</td></tr>
 *   <tr><td>83</td><td>{@link #SSL_PBSZ_ERROR}</td><td>PBSZ 0 not answered with 200</td></tr>
 *   <tr><td>84</td><td>{@link #SSL_PROT_ERROR}</td><td>PROT P not answered with 200</td></tr>
 *   <tr><td>85</td><td>{@link #FILE_SYSTEM_ERROR}</td><td>never produced by the engine: the modem's own file system
 *       (FTPGETTOFS, FTPPUTFRMFS); here so the AT layer has one table</td></tr>
 *   <tr><td>80 or 86</td><td>{@link #MANUAL_QUIT}</td><td>{@link FtpSession#abort()} (AT+FTPQUIT). The number
 *       depends on the profile: 86 in the SIM800 manual, 80 in the seed (SIM7000) document, where it collides with
 *       the SSL code. Use {@link #code(int)}.</td></tr>
 * </table>
 *
 * <p>Precedence, when several could apply: an abort always reports {@link #MANUAL_QUIT}; then the command whose
 * reply was negative decides; for exceptions, DNS, TLS, timeout, malformed reply, server close, in that order, and
 * finally the operation in progress (download 79, upload 78, otherwise 61). Establishing a data connection is
 * the exception to "timeouts are 64": it reports 75 or 76, because the SIM800 names that step.
 */
public enum FtpError {
    NET_ERROR(61, "Net error"),
    DNS_ERROR(62, "DNS error"),
    CONNECT_ERROR(63, "Connect error"),
    TIMEOUT(64, "Timeout"),
    SERVER_ERROR(65, "Server error"),
    OPERATION_NOT_ALLOWED(66, "Operation not allow"),
    REPLY_ERROR(70, "Replay error"),
    USER_ERROR(71, "User error"),
    PASSWORD_ERROR(72, "Password error"),
    TYPE_ERROR(73, "Type error"),
    REST_ERROR(74, "Rest error"),
    PASSIVE_ERROR(75, "Passive error"),
    ACTIVE_ERROR(76, "Active error"),
    OPERATE_ERROR(77, "Operate error"),
    UPLOAD_ERROR(78, "Upload error"),
    DOWNLOAD_ERROR(79, "Download error"),
    SSL_ERROR(80, "SSL failed to establish channels"),
    SSL_FATAL_ALERT(81, "SSL alert message with a level of fatal"),
    SSL_AUTH_ERROR(82, "FTP AUTH error"),
    SSL_PBSZ_ERROR(83, "FTP PBSZ error"),
    SSL_PROT_ERROR(84, "FTP PROT error"),
    FILE_SYSTEM_ERROR(85, "File system error"),
    /** No fixed number: 86 (SIM800 manual) or 80 (seed/SIM7000 document); see {@link #code(int)}. */
    MANUAL_QUIT(-1, "Manual quit");

    /** Manual quit as the SIM800 manual (V1.09/V1.10) and the IP application note report it. */
    public static final int MANUAL_QUIT_SIM800 = 86;
    /** Manual quit as the seed document (SIM7000 manual) reports it. */
    public static final int MANUAL_QUIT_SEED = 80;

    private final int code;
    private final String text;

    FtpError(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /**
     * The number the modem reports.
     *
     * @throws IllegalStateException for {@link #MANUAL_QUIT}, whose number comes from the profile: use
     *         {@link #code(int)}
     */
    public int code() {
        if (code < 0) {
            throw new IllegalStateException("MANUAL_QUIT has no fixed code: use code(manualQuitCode)");
        }
        return code;
    }

    /** The number the modem reports, with the profile's number for manual quit (86 or 80). */
    public int code(int manualQuitCode) {
        return code < 0 ? manualQuitCode : code;
    }

    /** Whether the number comes from the profile ({@link #MANUAL_QUIT} only). */
    public boolean isProfileDependent() {
        return code < 0;
    }

    /** The manual's wording, for logs: "Operate error". */
    public String text() {
        return text;
    }

    /** "77 Operate error", or "Manual quit" (no fixed number). */
    @Override
    public String toString() {
        return code < 0 ? text : code + " " + text;
    }

    /** The constant with this fixed number; {@code null} if none (80 and 86 never return MANUAL_QUIT). */
    public static FtpError ofCode(int code) {
        for (FtpError e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return null;
    }
}
