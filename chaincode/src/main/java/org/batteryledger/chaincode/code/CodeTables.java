package org.batteryledger.chaincode.code;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The GB/T 34014-2017 code tables as data: the battery-type table (position 5, §4.3; domain.md
 * §1.4), the production-date alphabet and the day aliases (positions 15–17; domain.md §1.5,
 * §6.4).
 *
 * <p>They are data, not code, because the sources disagree (domain.md §1.5, §6.7 items 1 and
 * 3): the standard text of Table "生产日期代码" was not retrieved, and whether {@code U} is a
 * date character is unconfirmed. The default table comes from the classpath resource
 * {@value #RESOURCE}, whose comments cite the sources; an operator can build another one with
 * {@link #load(Properties)} (e.g. the NIO variant without {@code U}) without a code release.
 *
 * <p>Property keys:
 * <ul>
 *   <li>{@code battery-type.<letter> = key|English name|Chinese name|confidence};</li>
 *   <li>{@code date.alphabet}: the characters for 1, 2, 3 …; year = 2010 + index, month =
 *       index 1–12, day = index 1–31;</li>
 *   <li>{@code date.day-aliases}: optional {@code <char>=<day>} pairs, comma-separated, extra
 *       characters accepted at the day position only (default {@code 0=31}).</li>
 * </ul>
 *
 * <p>Instances are immutable and thread-safe. Lookups go through {@code char}-indexed arrays
 * because the parser runs them for every character of every code.
 */
public final class CodeTables {

    /** Classpath location of the default tables. */
    public static final String RESOURCE = "/org/batteryledger/chaincode/code/gbt34014-tables.properties";

    /** Year of date index 0; index 1 is 2011 (domain.md §1.5). */
    static final int YEAR_BASE = 2010;

    private static final String TYPE_PREFIX = "battery-type.";
    private static final String KEY_ALPHABET = "date.alphabet";
    private static final String KEY_ALIASES = "date.day-aliases";
    private static final Set<String> CONFIDENCES = Set.of("confirmed", "secondary", "unconfirmed");

    private final List<BatteryType> batteryTypes;
    private final BatteryType[] typeByChar = new BatteryType[128];
    private final String dateAlphabet;
    private final Map<Character, Integer> dayAliases;
    /** 1-based index of a character in the date alphabet, 0 if absent. */
    private final int[] dateIndex = new int[128];
    /** Day a character stands for at the day position (alphabet or alias), 0 if none. */
    private final int[] dayValue = new int[128];
    /** Character that encodes day d (alphabet first, else an alias). */
    private final char[] dayChar = new char[32];
    private final String typeLettersText;
    private final String alphabetText;
    private final String monthText;

    private CodeTables(List<BatteryType> types, String alphabet, Map<Character, Integer> aliases) {
        this.batteryTypes = List.copyOf(types);
        for (BatteryType t : types) {
            typeByChar[t.letter()] = t;
        }
        this.dateAlphabet = alphabet;
        for (int i = 0; i < alphabet.length(); i++) {
            char c = alphabet.charAt(i);
            dateIndex[c] = i + 1;
            dayValue[c] = i + 1;
            dayChar[i + 1] = c;
        }
        for (Map.Entry<Character, Integer> e : aliases.entrySet()) {
            dayValue[e.getKey()] = e.getValue();
            if (dayChar[e.getValue()] == 0) {
                dayChar[e.getValue()] = e.getKey();
            }
        }
        this.dayAliases = Collections.unmodifiableMap(new TreeMap<>(aliases));
        StringBuilder letters = new StringBuilder();
        for (BatteryType t : batteryTypes) {
            letters.append(letters.length() == 0 ? "" : ", ").append(t.letter());
        }
        this.typeLettersText = letters.toString();
        this.alphabetText = ranges(alphabet);
        this.monthText = ranges(alphabet.substring(0, 12));
    }

    /** The default tables from {@value #RESOURCE}, loaded once. */
    public static CodeTables standard() {
        return Standard.INSTANCE;
    }

    private static final class Standard {
        static final CodeTables INSTANCE = fromResource();

        private static CodeTables fromResource() {
            Properties p = new Properties();
            try (InputStream in = CodeTables.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing classpath resource " + RESOURCE);
                }
                // The file carries Chinese names; Properties.load(InputStream) would read ISO-8859-1.
                try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
            return load(p);
        }
    }

    /**
     * Builds tables from properties (keys as in the class comment), checking them first.
     *
     * @throws IllegalArgumentException if a key is unknown, a row is malformed, a letter or key
     *     repeats, the alphabet has a repeated character, a character outside {@code 0-9 A-Z},
     *     any of {@code I O Q}, fewer than 12 or more than 31 characters, an alias clashes with
     *     the alphabet, or some day 1–31 cannot be written
     */
    public static CodeTables load(Properties properties) {
        Objects.requireNonNull(properties, "properties");
        List<BatteryType> types = new ArrayList<>();
        Set<String> typeKeys = new HashSet<>();
        String alphabet = null;
        String aliasText = "";
        // Sorted, so battery types come out in letter order and errors are reproducible.
        for (Map.Entry<String, String> property : toStringMap(properties).entrySet()) {
            String name = property.getKey();
            String value = property.getValue().trim();
            if (name.equals(KEY_ALPHABET)) {
                alphabet = value;
            } else if (name.equals(KEY_ALIASES)) {
                aliasText = value;
            } else if (name.startsWith(TYPE_PREFIX)) {
                BatteryType t = batteryType(name.substring(TYPE_PREFIX.length()), value);
                if (!typeKeys.add(t.key())) {
                    throw new IllegalArgumentException("battery-type key " + t.key() + " is used twice");
                }
                types.add(t);
            } else {
                throw new IllegalArgumentException("unknown code-table property " + name);
            }
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("no battery-type.<letter> rows");
        }
        if (alphabet == null) {
            throw new IllegalArgumentException("missing " + KEY_ALPHABET);
        }
        checkAlphabet(alphabet);
        Map<Character, Integer> aliases = aliases(aliasText, alphabet);
        for (int day = 1; day <= 31; day++) {
            if (day > alphabet.length() && !aliases.containsValue(day)) {
                throw new IllegalArgumentException("day " + day + " has no character: the "
                        + alphabet.length() + "-character date alphabet needs a day alias for it");
            }
        }
        return new CodeTables(types, alphabet, aliases);
    }

    private static Map<String, String> toStringMap(Properties p) {
        Map<String, String> m = new TreeMap<>();
        for (String n : p.stringPropertyNames()) {
            m.put(n, p.getProperty(n));
        }
        if (m.size() != p.size()) {
            throw new IllegalArgumentException("code-table properties must be strings");
        }
        return m;
    }

    private static BatteryType batteryType(String letterText, String value) {
        if (letterText.length() != 1 || !isCodeChar(letterText.charAt(0))) {
            throw new IllegalArgumentException("battery-type letter '" + letterText + "' is not one of A-Z, 0-9");
        }
        String[] parts = value.split("\\|", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("battery-type." + letterText
                    + " must be key|English name|Chinese name|confidence, got " + value);
        }
        for (int i = 0; i < 4; i++) {
            parts[i] = parts[i].trim();
            if (parts[i].isEmpty()) {
                throw new IllegalArgumentException("battery-type." + letterText + " has an empty column: " + value);
            }
        }
        for (int i = 0; i < parts[0].length(); i++) {
            char c = parts[0].charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                throw new IllegalArgumentException("battery-type key " + parts[0] + " must be A-Z, 0-9, _");
            }
        }
        if (!CONFIDENCES.contains(parts[3])) {
            throw new IllegalArgumentException("battery-type." + letterText + " confidence " + parts[3]
                    + " is not confirmed, secondary or unconfirmed");
        }
        return new BatteryType(letterText.charAt(0), parts[0], parts[1], parts[2], parts[3]);
    }

    private static void checkAlphabet(String alphabet) {
        if (alphabet.length() < 12 || alphabet.length() > 31) {
            throw new IllegalArgumentException("date alphabet must have 12 to 31 characters (months 1-12, days up to 31), has "
                    + alphabet.length() + ": " + alphabet);
        }
        boolean[] seen = new boolean[128];
        for (int i = 0; i < alphabet.length(); i++) {
            char c = alphabet.charAt(i);
            if (!isCodeChar(c)) {
                throw new IllegalArgumentException("date alphabet character '" + c + "' is not one of A-Z, 0-9");
            }
            if (c == 'I' || c == 'O' || c == 'Q') {
                throw new IllegalArgumentException("date alphabet contains " + c + " (I, O, Q are never used)");
            }
            if (seen[c]) {
                throw new IllegalArgumentException("date alphabet repeats " + c + ": " + alphabet);
            }
            seen[c] = true;
        }
    }

    private static Map<Character, Integer> aliases(String text, String alphabet) {
        Map<Character, Integer> aliases = new TreeMap<>();
        if (text.isEmpty()) {
            return aliases;
        }
        for (String pair : text.split(",", -1)) {
            String[] kv = pair.trim().split("=", -1);
            if (kv.length != 2 || kv[0].trim().length() != 1) {
                throw new IllegalArgumentException("day alias must be <char>=<day>, got '" + pair.trim() + "'");
            }
            char c = kv[0].trim().charAt(0);
            int day;
            try {
                day = Integer.parseInt(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("day alias " + pair.trim() + " has no day number", e);
            }
            if (!isCodeChar(c) || c == 'I' || c == 'O' || c == 'Q') {
                throw new IllegalArgumentException("day alias character '" + c + "' is not one of A-Z, 0-9 without I, O, Q");
            }
            if (alphabet.indexOf(c) >= 0) {
                throw new IllegalArgumentException("day alias " + c + " is already in the date alphabet");
            }
            if (day < 1 || day > 31) {
                throw new IllegalArgumentException("day alias " + c + "=" + day + " is not a day 1-31");
            }
            if (aliases.put(c, day) != null) {
                throw new IllegalArgumentException("day alias " + c + " is given twice");
            }
        }
        return aliases;
    }

    private static boolean isCodeChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** "123456789ABCDEFGHJKLMNPRSTUVWXY" → "1-9, A-H, J-N, P, R-Y": for messages. */
    private static String ranges(String chars) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < chars.length()) {
            int j = i;
            while (j + 1 < chars.length() && chars.charAt(j + 1) == chars.charAt(j) + 1) {
                j++;
            }
            sb.append(sb.length() == 0 ? "" : ", ").append(chars.charAt(i));
            if (j > i) {
                sb.append('-').append(chars.charAt(j));
            }
            i = j + 1;
        }
        return sb.toString();
    }

    /** The battery-type rows, in letter order. */
    public List<BatteryType> batteryTypes() {
        return batteryTypes;
    }

    /** The battery type for a position-5 letter, or {@code null} if the table has none. */
    public BatteryType batteryType(char letter) {
        return letter < 128 ? typeByChar[letter] : null;
    }

    /** The date alphabet: the character at 0-based index i stands for i + 1. */
    public String dateAlphabet() {
        return dateAlphabet;
    }

    /** The day aliases: extra characters accepted at the day position, with their day. */
    public Map<Character, Integer> dayAliases() {
        return dayAliases;
    }

    /** The earliest production year a code can carry (index 1). */
    public int firstYear() {
        return YEAR_BASE + 1;
    }

    /** The latest production year a code can carry (the last alphabet index). */
    public int lastYear() {
        return YEAR_BASE + dateAlphabet.length();
    }

    /**
     * The three date characters for a production date: inverse of the decoding, for generating
     * codes in tests and demo data. Uses the alphabet, and a day alias only for a day the
     * alphabet lacks.
     *
     * @throws IllegalArgumentException if the year is outside {@link #firstYear()}–{@link #lastYear()}
     */
    public String encodeDate(LocalDate date) {
        Objects.requireNonNull(date, "date");
        int y = date.getYear() - YEAR_BASE;
        if (y < 1 || y > dateAlphabet.length()) {
            throw new IllegalArgumentException("year " + date.getYear() + " cannot be coded: the date alphabet covers "
                    + firstYear() + "-" + lastYear());
        }
        return new String(new char[] {
            dateAlphabet.charAt(y - 1), dateAlphabet.charAt(date.getMonthValue() - 1), dayChar[date.getDayOfMonth()]
        });
    }

    // Package-private views for the parser: shared arrays, never handed out publicly.

    BatteryType[] typeByChar() {
        return typeByChar;
    }

    int[] dateIndexTable() {
        return dateIndex;
    }

    int[] dayValueTable() {
        return dayValue;
    }

    /** "A, B, C, D, E, F, G, Z", for messages. */
    String typeLettersText() {
        return typeLettersText;
    }

    /** "1-9, A-H, J-N, P, R-Y", for messages. */
    String alphabetText() {
        return alphabetText;
    }

    /** "1-9, A-C", for messages. */
    String monthText() {
        return monthText;
    }

    @Override
    public String toString() {
        return "CodeTables[types=" + typeLettersText + ", dateAlphabet=" + dateAlphabet + ", dayAliases=" + dayAliases + "]";
    }
}
