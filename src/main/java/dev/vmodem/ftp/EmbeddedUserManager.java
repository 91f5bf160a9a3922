package dev.vmodem.ftp;

import java.util.List;
import java.util.Map;
import org.apache.ftpserver.ftplet.Authentication;
import org.apache.ftpserver.ftplet.AuthenticationFailedException;
import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.ftplet.User;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.usermanager.AnonymousAuthentication;
import org.apache.ftpserver.usermanager.UsernamePasswordAuthentication;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.ConcurrentLoginPermission;
import org.apache.ftpserver.usermanager.impl.TransferRatePermission;
import org.apache.ftpserver.usermanager.impl.WritePermission;

/**
 * The embedded server's users. With no accounts, any name and any password log in (and "anonymous" with any
 * password). With accounts, only those names, each with its password. Every user may write, with no limits on
 * concurrent logins or rate, and has the server root as home. Read-only: MINA cannot add or delete users.
 */
final class EmbeddedUserManager implements UserManager {

    private static final List<Authority> AUTHORITIES = List.of(
            new WritePermission(),
            new ConcurrentLoginPermission(0, 0), // without it MINA refuses every login: no authority says yes
            new TransferRatePermission(0, 0));

    private final String home;
    private final Map<String, String> accounts; // empty = anyone

    EmbeddedUserManager(String home, Map<String, String> accounts) {
        this.home = home;
        this.accounts = Map.copyOf(accounts);
    }

    boolean acceptsAnyone() {
        return accounts.isEmpty();
    }

    @Override
    public User getUserByName(String name) {
        return doesExist(name) ? user(name) : null;
    }

    @Override
    public String[] getAllUserNames() {
        return accounts.keySet().toArray(new String[0]);
    }

    @Override
    public void delete(String name) throws org.apache.ftpserver.ftplet.FtpException {
        throw new org.apache.ftpserver.ftplet.FtpException("users are fixed at start: cannot delete " + name);
    }

    @Override
    public void save(User user) throws org.apache.ftpserver.ftplet.FtpException {
        throw new org.apache.ftpserver.ftplet.FtpException("users are fixed at start: cannot save " + user.getName());
    }

    @Override
    public boolean doesExist(String name) {
        return name != null && (acceptsAnyone() || accounts.containsKey(name));
    }

    @Override
    public User authenticate(Authentication authentication) throws AuthenticationFailedException {
        if (authentication instanceof UsernamePasswordAuthentication up) {
            String name = up.getUsername();
            if (acceptsAnyone()) {
                return user(name);
            }
            String expected = accounts.get(name);
            if (expected != null && expected.equals(up.getPassword())) {
                return user(name);
            }
            throw new AuthenticationFailedException("wrong user name or password for " + name);
        }
        if (authentication instanceof AnonymousAuthentication && doesExist(ANONYMOUS)) {
            return user(ANONYMOUS);
        }
        throw new AuthenticationFailedException("not accepted: " + authentication.getClass().getSimpleName());
    }

    @Override
    public String getAdminName() {
        return "admin";
    }

    @Override
    public boolean isAdmin(String name) {
        return false;
    }

    private User user(String name) {
        BaseUser u = new BaseUser();
        u.setName(name);
        u.setHomeDirectory(home);
        u.setEnabled(true);
        u.setMaxIdleTime(0);
        u.setAuthorities(AUTHORITIES);
        return u;
    }
}
