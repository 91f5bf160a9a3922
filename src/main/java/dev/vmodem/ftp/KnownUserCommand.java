package dev.vmodem.ftp;

import java.io.IOException;
import org.apache.ftpserver.command.Command;
import org.apache.ftpserver.command.impl.USER;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;

/**
 * USER that refuses unknown names at once with 530, as many real servers do, instead of MINA's "331 need
 * password" for everyone. Only then can a client tell an unknown user (530 after USER: SIMCom 71) from a wrong
 * password (530 after PASS: 72). Known names go on to MINA's own USER.
 *
 * <pre>
 *   &gt; USER nobody      &lt; 530 Unknown user nobody.
 *   &gt; USER sim.cs1     &lt; 331 User name okay, need password for sim.cs1.
 * </pre>
 */
final class KnownUserCommand implements Command {

    private final Command delegate = new USER();

    @Override
    public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request)
            throws IOException, org.apache.ftpserver.ftplet.FtpException {
        String name = request.getArgument();
        if (name != null && !session.isLoggedIn() && !context.getUserManager().doesExist(name)) {
            session.resetState();
            session.write(new DefaultFtpReply(FtpReply.REPLY_530_NOT_LOGGED_IN, "Unknown user " + name + "."));
            return;
        }
        delegate.execute(session, context, request);
    }
}
