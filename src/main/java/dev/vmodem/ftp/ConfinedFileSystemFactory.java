package dev.vmodem.ftp;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.ftpserver.filesystem.nativefs.impl.NativeFileSystemView;
import org.apache.ftpserver.filesystem.nativefs.impl.NativeFtpFile;
import org.apache.ftpserver.ftplet.FileSystemFactory;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.User;

/**
 * MINA's native file system, kept inside the server root. MINA already resolves {@code ..}, {@code ~} and absolute
 * paths against the root by string rules; what it does not catch is a symbolic link that points outside. This
 * factory checks every file MINA asks for by its real path: the deepest existing part of the path, with all links
 * followed, must lie under the root's real path. A file that fails the check looks as if it does not exist and
 * cannot be read, written, created, deleted or renamed, so every command on it fails with 550. Listings leave such
 * entries out.
 */
final class ConfinedFileSystemFactory implements FileSystemFactory {

    private final Path realRoot;

    ConfinedFileSystemFactory(Path realRoot) {
        this.realRoot = realRoot;
    }

    @Override
    public FileSystemView createFileSystemView(User user) throws org.apache.ftpserver.ftplet.FtpException {
        return new View(new NativeFileSystemView(user, false));
    }

    boolean isInside(FtpFile file) {
        Object physical = file.getPhysicalFile();
        return physical instanceof File f && isInside(f.toPath());
    }

    boolean isInside(Path path) {
        Path p = path.toAbsolutePath().normalize();
        Path existing = p;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return false;
        }
        try {
            return existing.toRealPath().startsWith(realRoot); // follows every link on the way
        } catch (IOException e) {
            return false; // a dangling link: writing through it would create a file wherever it points
        }
    }

    private FtpFile confine(FtpFile file) {
        return isInside(file) ? new Confined(file) : new Denied(file.getAbsolutePath(), file.getName());
    }

    private final class View implements FileSystemView {
        private final NativeFileSystemView delegate;

        View(NativeFileSystemView delegate) {
            this.delegate = delegate;
        }

        @Override
        public FtpFile getHomeDirectory() throws org.apache.ftpserver.ftplet.FtpException {
            return confine(delegate.getHomeDirectory());
        }

        @Override
        public FtpFile getWorkingDirectory() throws org.apache.ftpserver.ftplet.FtpException {
            return confine(delegate.getWorkingDirectory());
        }

        @Override
        public boolean changeWorkingDirectory(String dir) throws org.apache.ftpserver.ftplet.FtpException {
            return isInside(delegate.getFile(dir)) && delegate.changeWorkingDirectory(dir);
        }

        @Override
        public FtpFile getFile(String file) throws org.apache.ftpserver.ftplet.FtpException {
            return confine(delegate.getFile(file));
        }

        @Override
        public boolean isRandomAccessible() throws org.apache.ftpserver.ftplet.FtpException {
            return delegate.isRandomAccessible();
        }

        @Override
        public void dispose() {
            delegate.dispose();
        }
    }

    /** A file inside the root: MINA's own, with listings filtered and renames checked. */
    private final class Confined implements FtpFile {
        private final FtpFile f;

        Confined(FtpFile f) {
            this.f = f;
        }

        @Override
        public List<? extends FtpFile> listFiles() {
            List<? extends FtpFile> all = f.listFiles();
            if (all == null) {
                return null;
            }
            List<FtpFile> inside = new ArrayList<>(all.size());
            for (FtpFile child : all) {
                if (isInside(child)) {
                    inside.add(new Confined(child));
                }
            }
            return inside;
        }

        @Override
        public boolean move(FtpFile destination) {
            // MINA's move casts the destination to its own class; a denied one must never get that far
            return destination instanceof Confined c && c.f instanceof NativeFtpFile && f.move(c.f);
        }

        @Override
        public String getAbsolutePath() {
            return f.getAbsolutePath();
        }

        @Override
        public String getName() {
            return f.getName();
        }

        @Override
        public boolean isHidden() {
            return f.isHidden();
        }

        @Override
        public boolean isDirectory() {
            return f.isDirectory();
        }

        @Override
        public boolean isFile() {
            return f.isFile();
        }

        @Override
        public boolean doesExist() {
            return f.doesExist();
        }

        @Override
        public boolean isReadable() {
            return f.isReadable();
        }

        @Override
        public boolean isWritable() {
            return f.isWritable();
        }

        @Override
        public boolean isRemovable() {
            return f.isRemovable();
        }

        @Override
        public String getOwnerName() {
            return f.getOwnerName();
        }

        @Override
        public String getGroupName() {
            return f.getGroupName();
        }

        @Override
        public int getLinkCount() {
            return f.getLinkCount();
        }

        @Override
        public long getLastModified() {
            return f.getLastModified();
        }

        @Override
        public boolean setLastModified(long time) {
            return f.setLastModified(time);
        }

        @Override
        public long getSize() {
            return f.getSize();
        }

        @Override
        public Object getPhysicalFile() {
            return f.getPhysicalFile();
        }

        @Override
        public boolean mkdir() {
            return f.mkdir();
        }

        @Override
        public boolean delete() {
            return f.delete();
        }

        @Override
        public OutputStream createOutputStream(long offset) throws IOException {
            return f.createOutputStream(offset);
        }

        @Override
        public InputStream createInputStream(long offset) throws IOException {
            return f.createInputStream(offset);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Confined c && f.equals(c.f);
        }

        @Override
        public int hashCode() {
            return f.hashCode();
        }
    }

    /** A path that resolves outside the root: it does not exist and nothing can be done with it. */
    private static final class Denied implements FtpFile {
        private final String path;
        private final String name;

        Denied(String path, String name) {
            this.path = path;
            this.name = name;
        }

        @Override
        public String getAbsolutePath() {
            return path;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isHidden() {
            return true;
        }

        @Override
        public boolean isDirectory() {
            return false;
        }

        @Override
        public boolean isFile() {
            return false;
        }

        @Override
        public boolean doesExist() {
            return false;
        }

        @Override
        public boolean isReadable() {
            return false;
        }

        @Override
        public boolean isWritable() {
            return false;
        }

        @Override
        public boolean isRemovable() {
            return false;
        }

        @Override
        public String getOwnerName() {
            return "none";
        }

        @Override
        public String getGroupName() {
            return "none";
        }

        @Override
        public int getLinkCount() {
            return 0;
        }

        @Override
        public long getLastModified() {
            return 0;
        }

        @Override
        public boolean setLastModified(long time) {
            return false;
        }

        @Override
        public long getSize() {
            return 0;
        }

        @Override
        public Object getPhysicalFile() {
            return null;
        }

        @Override
        public boolean mkdir() {
            return false;
        }

        @Override
        public boolean delete() {
            return false;
        }

        @Override
        public boolean move(FtpFile destination) {
            return false;
        }

        @Override
        public List<? extends FtpFile> listFiles() {
            return null;
        }

        @Override
        public OutputStream createOutputStream(long offset) throws IOException {
            throw new IOException("outside the server root: " + path);
        }

        @Override
        public InputStream createInputStream(long offset) throws IOException {
            throw new IOException("outside the server root: " + path);
        }
    }
}
