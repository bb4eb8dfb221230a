package org.batteryledger.app.ledger.fabric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.batteryledger.app.identity.IdentityStore;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.app.identity.LedgerUsers;
import org.batteryledger.app.identity.PemFiles;

/**
 * Reads the users' Fabric identities from {@code battery.fabric.identity-dir}, as the network's
 * enrolment tool (or {@code fabric-ca-client enroll}) leaves them. Three layouts are accepted:
 *
 * <pre>
 * &lt;identity-dir&gt;/signcerts/cert.pem, keystore/key.pem        one MSP folder: one user, named after the
 *                                                          folder (its parent's name if it is "msp")
 * &lt;identity-dir&gt;/&lt;user&gt;/signcerts/cert.pem, keystore/key.pem  one directory per app user
 * &lt;identity-dir&gt;/&lt;MSP&gt;/&lt;user&gt;/signcerts/..., keystore/...   grouped by organisation; the MSP id is the folder's name
 * </pre>
 *
 * Anywhere, an {@code msp/} level may sit between the user's directory and {@code signcerts/}; the
 * key may be {@code key.pem} or the only file in {@code keystore/} (e.g. {@code *_sk}); a file
 * {@code mspid} beside {@code signcerts/} or in the user's directory names the user's MSP id.
 * Otherwise the MSP id is the organisation folder's name, else {@code battery.fabric.msp-id}.
 * Nothing is issued here: in Fabric mode the identities are the network's.
 */
public final class FabricIdentities {
    private FabricIdentities() {}

    /**
     * Every user of the directory, by name.
     *
     * @throws IllegalStateException naming the directory when a user's certificate or key is
     *     missing, unreadable, or does not belong together
     */
    public static List<LedgerUser> load(Path identityDir, String defaultMspId) {
        if (isMspFolder(identityDir)) {
            Path named = identityDir.getFileName().toString().equals("msp") && identityDir.getParent() != null
                    ? identityDir.getParent() : identityDir;
            return List.of(loadUser(named.getFileName().toString(), named, defaultMspId));
        }
        List<LedgerUser> users = new ArrayList<>();
        for (Path child : children(identityDir)) {
            String name = child.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            if (isUserDir(child)) {
                users.add(loadUser(name, child, defaultMspId));
                continue;
            }
            for (Path grandChild : children(child)) { // <MSP>/<user>
                String user = grandChild.getFileName().toString();
                if (!user.startsWith(".") && isUserDir(grandChild)) {
                    users.add(loadUser(user, grandChild, name));
                }
            }
        }
        users.sort(java.util.Comparator.comparing(LedgerUser::name));
        return users;
    }

    private static boolean isMspFolder(Path dir) {
        return Files.isDirectory(dir.resolve("signcerts"));
    }

    private static boolean isUserDir(Path dir) {
        return isMspFolder(dir) || isMspFolder(dir.resolve("msp"));
    }

    /**
     * Loads the directory and makes its users the app's identities: each is imported into the
     * store unless it is there already with the same certificate.
     *
     * @return the users, by name
     * @throws IllegalStateException if the directory holds no user, or the store holds another
     *     certificate under a user's name (a development identity from an embedded run, or an
     *     identity the network has since re-enrolled): the message names the directory to remove
     */
    public static List<LedgerUser> importInto(IdentityStore store, Path identityDir, String defaultMspId) {
        List<LedgerUser> users = load(identityDir, defaultMspId);
        if (users.isEmpty()) {
            throw new IllegalStateException("battery.fabric.identity-dir " + identityDir
                    + " holds no identity (expected signcerts/cert.pem and keystore/key.pem, for one user or in a"
                    + " directory per user)");
        }
        for (LedgerUser u : users) {
            var existing = store.find(u.name());
            if (existing.isEmpty()) {
                store.importUser(u.name(), u.mspId(), u.certificatePem(), PemFiles.toPem(u.privateKey()));
            } else if (!existing.get().certificatePem().equals(u.certificatePem())
                    || !existing.get().mspId().equals(u.mspId())) {
                throw new IllegalStateException("identity " + u.name() + " in " + store.directory()
                        + " is not the one in " + identityDir + "; remove " + store.directory().resolve(
                                existing.get().mspId()).resolve("users").resolve(u.name())
                        + " to use the network's identity");
            }
        }
        return users;
    }

    static LedgerUser loadUser(String name, Path userDir, String defaultMspId) {
        Path msp = Files.isDirectory(userDir.resolve("msp")) ? userDir.resolve("msp") : userDir;
        Path cert = pick(msp.resolve("signcerts"), "cert.pem", name);
        Path key = pick(msp.resolve("keystore"), "key.pem", name);
        String mspId = defaultMspId;
        for (Path f : List.of(userDir.resolve("mspid"), msp.resolve("mspid"))) {
            if (Files.isRegularFile(f)) {
                mspId = read(f).strip();
                break;
            }
        }
        try {
            return LedgerUsers.of(name, mspId, PemFiles.readCertificate(cert), PemFiles.readPrivateKey(key));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("identity " + name + " in " + userDir + " cannot be used: " + e.getMessage(),
                    e);
        }
    }

    /** {@code preferred} in {@code dir}, else the only regular file there. */
    private static Path pick(Path dir, String preferred, String user) {
        if (Files.isRegularFile(dir.resolve(preferred))) {
            return dir.resolve(preferred);
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("identity " + user + ": " + dir + " is missing");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isRegularFile)) {
            ds.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        if (files.size() != 1) {
            throw new IllegalStateException("identity " + user + ": " + dir + " must hold " + preferred
                    + " or exactly one file, not " + files.size());
        }
        return files.get(0);
    }

    private static List<Path> children(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
            ds.forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }
}
