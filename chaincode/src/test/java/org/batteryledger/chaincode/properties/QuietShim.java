package org.batteryledger.chaincode.properties;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.hyperledger.fabric.contract.RouterInvoker;

/**
 * Silences the Fabric shim's java.util.logging output while a property runs, and restores it
 * afterwards. The shim logs every rejected transaction at SEVERE with its full stack trace; a
 * property that submits thousands of deliberately wrong transactions would write tens of
 * megabytes of them. Rejections are still checked: each must carry a stable ledger error code.
 */
final class QuietShim {
    private static final String ROOT = "org.hyperledger";
    private static final Map<String, Level> SAVED = new LinkedHashMap<>();
    /** Strong references, so the loggers (and their levels) outlive the quiet period. */
    private static final Map<String, Logger> HELD = new LinkedHashMap<>();

    private QuietShim() {}

    static synchronized void on() {
        RouterInvoker.shared(); // the router configures its loggers when it is built: build it first
        SAVED.clear();
        HELD.clear();
        Logger root = Logger.getLogger(ROOT);
        HELD.put(ROOT, root);
        SAVED.put(ROOT, root.getLevel());
        for (String name : Collections.list(LogManager.getLogManager().getLoggerNames())) {
            if (name.startsWith(ROOT + ".")) {
                Logger l = Logger.getLogger(name);
                HELD.put(name, l);
                SAVED.put(name, l.getLevel());
            }
        }
        HELD.values().forEach(l -> l.setLevel(Level.OFF));
    }

    static synchronized void off() {
        SAVED.forEach((name, level) -> HELD.get(name).setLevel(level));
        SAVED.clear();
        HELD.clear();
    }
}
