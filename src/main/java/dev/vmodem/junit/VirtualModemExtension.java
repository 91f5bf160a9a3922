package dev.vmodem.junit;

import dev.vmodem.control.VirtualModem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JUnit 5: gives tests a started {@link VirtualModem} and its FTP root, and cleans up after them. Registered by
 * {@link VModem} and {@link FtpRoot} themselves (or with {@code @ExtendWith(VirtualModemExtension.class)}).
 *
 * <ul>
 *   <li><b>Parameters</b> of type {@code VirtualModem}, and {@code Path} parameters annotated {@link FtpRoot}, of
 *       test methods and {@code @BeforeEach}/{@code @AfterEach} methods.</li>
 *   <li><b>Fields</b> of type {@code VirtualModem} annotated {@link VModem}, and {@code Path} fields annotated
 *       {@link FtpRoot}; set before each test.</li>
 *   <li><b>Scope</b>: one modem per test, shared by everything that asks for one during that test, closed after
 *       it. A <em>static</em> {@code @VModem} field (or a {@code @BeforeAll} parameter) makes one modem for the
 *       whole class instead, which every test of the class then gets.</li>
 *   <li><b>Options</b>: the nearest {@link VModem} that sets anything (field or parameter, then the test's
 *       {@code VirtualModem} parameters, then method, then classes) decides, as a whole.</li>
 *   <li>An {@link FtpRoot} field is left null when the modem has no FTP server; a parameter is an error.</li>
 *   <li><b>On failure</b> the test's transcript is written to {@code target/vmodem-transcripts/<class>.<method>.txt}
 *       (see {@link TranscriptFiles}) and the path is logged.</li>
 * </ul>
 */
public final class VirtualModemExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private static final Logger log = LoggerFactory.getLogger(VirtualModemExtension.class);
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(VirtualModemExtension.class);
    private static final String CLASS_KEY = "class-modem";
    private static final String TEST_KEY = "test-modem";
    private static final Pattern INVOCATION = Pattern.compile("invocation:#(\\d+)]$");

    @VModem
    private static final class Defaults {
    }

    private static final VModem DEFAULTS = Defaults.class.getAnnotation(VModem.class);

    /** A modem and the temporary folders made for it; closing removes them. */
    static final class Holder implements ExtensionContext.Store.CloseableResource {
        final VirtualModem modem;
        final List<Path> temporary;

        Holder(VirtualModem modem, List<Path> temporary) {
            this.modem = modem;
            this.temporary = temporary;
        }

        @Override
        public void close() {
            modem.close();
            for (Path p : temporary) {
                deleteTree(p);
            }
        }
    }

    // ---- lifecycle ----

    @Override
    public void beforeAll(ExtensionContext ctx) throws Exception {
        for (Field f : fields(ctx.getRequiredTestClass(), true)) {
            inject(f, null, classHolder(ctx, f));
        }
    }

    @Override
    public void beforeEach(ExtensionContext ctx) throws Exception {
        for (Object instance : ctx.getRequiredTestInstances().getAllInstances()) {
            for (Field f : fields(instance.getClass(), false)) {
                inject(f, instance, holder(ctx, f));
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext ctx) {
        ExtensionContext.Store store = ctx.getStore(NS);
        Holder own = store.remove(TEST_KEY, Holder.class);
        Holder shared = store.get(CLASS_KEY, Holder.class);
        Holder h = own != null ? own : shared;
        try {
            Optional<Throwable> failure = ctx.getExecutionException();
            if (h != null && failure.isPresent()) {
                try {
                    Path file = TranscriptFiles.write(TranscriptFiles.dir(), testName(ctx), failure.get(),
                        h.modem.transcript());
                    log.warn("{} failed; modem transcript: {}", ctx.getDisplayName(), file.toAbsolutePath());
                } catch (IOException e) {
                    log.warn("cannot write the transcript of {}: {}", ctx.getDisplayName(), e.toString());
                }
            }
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext ctx) {
        Holder h = ctx.getStore(NS).remove(CLASS_KEY, Holder.class);
        if (h != null) {
            h.close();
        }
    }

    // ---- parameters ----

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext ctx) {
        Class<?> type = p.getParameter().getType();
        return type == VirtualModem.class || (type == Path.class && p.isAnnotated(FtpRoot.class));
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext ctx) {
        AnnotatedElement e = p.getParameter();
        Holder h = ctx.getTestMethod().isPresent() ? holder(ctx, e) : classHolder(ctx, e);
        if (p.getParameter().getType() == VirtualModem.class) {
            return h.modem;
        }
        try {
            return ftpRoot(h, e);
        } catch (ExtensionConfigurationException ex) {
            throw new ParameterResolutionException(ex.getMessage(), ex);
        }
    }

    // ---- making modems ----

    /** The modem of this test: the class's if it has one, otherwise one made for this test. */
    private Holder holder(ExtensionContext ctx, AnnotatedElement requester) {
        ExtensionContext.Store store = ctx.getStore(NS);
        Holder shared = store.get(CLASS_KEY, Holder.class);
        if (shared != null) {
            return shared;
        }
        return store.getOrComputeIfAbsent(TEST_KEY, k -> create(options(ctx, requester)), Holder.class);
    }

    private Holder classHolder(ExtensionContext ctx, AnnotatedElement requester) {
        ExtensionContext.Store store = ctx.getStore(NS);
        return store.getOrComputeIfAbsent(CLASS_KEY, k -> create(options(ctx, requester)), Holder.class);
    }

    /**
     * The nearest {@link VModem} that sets anything: the requester's, the test method's, then the classes' from
     * inner to outer. A bare {@code @VModem} only asks for a modem.
     */
    static VModem options(ExtensionContext ctx, AnnotatedElement requester) {
        List<AnnotatedElement> places = new ArrayList<>();
        if (requester != null) {
            places.add(requester);
        }
        ctx.getTestMethod().ifPresent(method -> {
            // A field is injected before the test's parameters are resolved: their options count first.
            for (java.lang.reflect.Parameter p : method.getParameters()) {
                if (p.getType() == VirtualModem.class && !places.contains(p)) {
                    places.add(p);
                }
            }
            places.add(method);
        });
        for (Optional<ExtensionContext> c = Optional.of(ctx); c.isPresent(); c = c.get().getParent()) {
            c.get().getTestClass().filter(k -> !places.contains(k)).ifPresent(places::add);
        }
        for (AnnotatedElement e : places) {
            Optional<VModem> o = AnnotationSupport.findAnnotation(e, VModem.class);
            if (o.isPresent() && !o.get().equals(DEFAULTS)) {
                return o.get();
            }
        }
        return DEFAULTS;
    }

    static Holder create(VModem o) {
        List<Path> temporary = new ArrayList<>();
        try {
            VirtualModem.Builder b = VirtualModem.builder();
            for (String kv : o.config()) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new ExtensionConfigurationException("@VModem config: expected key=value, got '" + kv + "'");
                }
                b.set(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
            if (!o.profile().isEmpty()) {
                b.profile(o.profile());
            }
            if (!o.link().isEmpty()) {
                b.linkPreset(o.link());
            }
            for (String f : o.faults()) {
                b.fault(f);
            }
            if (o.virtualTime()) {
                b.virtualTime();
            }
            if (!o.scenario().isEmpty()) {
                b.scenario(Path.of(o.scenario()));
            }
            if (o.control()) {
                b.control("127.0.0.1:0");
            }
            switch (o.transport()) {
                case PTY -> {
                    Path pty;
                    if (o.pty().isEmpty()) {
                        Path d = Files.createTempDirectory("vmodem-pty");
                        temporary.add(d);
                        pty = d.resolve("ttyVMODEM");
                    } else {
                        pty = Path.of(o.pty());
                        Path parent = pty.toAbsolutePath().getParent();
                        if (parent != null) {
                            Files.createDirectories(parent);
                        }
                    }
                    b.pty(pty);
                }
                case TCP -> b.tcp("127.0.0.1:0");
                default -> b.pipe();
            }
            if (o.ftp()) {
                Path root;
                if (o.ftpRoot().isEmpty()) {
                    root = Files.createTempDirectory("vmodem-ftp");
                    temporary.add(root);
                } else {
                    root = Path.of(o.ftpRoot());
                }
                b.ftpRoot(root);
            }
            VirtualModem m = b.start();
            Holder h = new Holder(m, temporary);
            if (o.ready()) {
                try {
                    m.awaitReady();
                } catch (RuntimeException | Error e) {
                    h.close();
                    throw e;
                }
            }
            return h;
        } catch (IOException e) {
            temporary.forEach(VirtualModemExtension::deleteTree);
            throw new UncheckedIOException("cannot start the virtual modem: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            temporary.forEach(VirtualModemExtension::deleteTree);
            throw e;
        }
    }

    private static Path ftpRoot(Holder h, AnnotatedElement requester) {
        Path root = h.modem.ftpRoot();
        if (root == null && !(requester instanceof Field)) {
            throw new ExtensionConfigurationException("@FtpRoot on " + requester + ": this test's modem has no FTP"
                + " server (@VModem(ftp = false))");
        }
        return root;
    }

    // ---- helpers ----

    /** The annotated fields, {@code @VModem} ones first (so their options make the modem). */
    private static List<Field> fields(Class<?> cls, boolean statics) {
        List<Field> out = new ArrayList<>();
        for (Field f : AnnotationSupport.findAnnotatedFields(cls, VModem.class,
                x -> Modifier.isStatic(x.getModifiers()) == statics, HierarchyTraversalMode.TOP_DOWN)) {
            out.add(f);
        }
        for (Field f : AnnotationSupport.findAnnotatedFields(cls, FtpRoot.class,
                x -> Modifier.isStatic(x.getModifiers()) == statics, HierarchyTraversalMode.TOP_DOWN)) {
            if (!out.contains(f)) {
                out.add(f);
            }
        }
        return out;
    }

    private static void inject(Field f, Object instance, Holder h) {
        Object value;
        if (f.isAnnotationPresent(FtpRoot.class)) {
            if (f.getType() != Path.class) {
                throw new ExtensionConfigurationException("@FtpRoot field " + f + " must be a java.nio.file.Path");
            }
            value = ftpRoot(h, f);
        } else if (f.getType() != VirtualModem.class) {
            throw new ExtensionConfigurationException("@VModem field " + f + " must be a VirtualModem");
        } else {
            value = h.modem;
        }
        if (Modifier.isFinal(f.getModifiers())) {
            throw new ExtensionConfigurationException("field " + f + " must not be final to be injected");
        }
        try {
            f.setAccessible(true);
            f.set(instance, value);
        } catch (IllegalAccessException e) {
            throw new ExtensionConfigurationException("cannot set " + f, e);
        }
    }

    /** {@code com.acme.FwTest.downloads} (with {@code [n]} for the n-th invocation of a repeated test). */
    static String testName(ExtensionContext ctx) {
        String name = ctx.getRequiredTestClass().getName() + "." + ctx.getTestMethod().map(m -> m.getName())
            .orElse("class");
        Matcher m = INVOCATION.matcher(ctx.getUniqueId());
        return m.find() ? name + "[" + m.group(1) + "]" : name;
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try {
            Files.walkFileTree(p, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    Files.delete(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.debug("cannot delete {}: {}", p, e.toString());
        }
    }
}
