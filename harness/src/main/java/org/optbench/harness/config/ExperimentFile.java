package org.optbench.harness.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optbench.harness.UserError;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads an experiment file into its top-level keys, each value remembering its file and line. Uses SnakeYAML's
 * node API (not its object mapping) so that every later error can point at the line that caused it.
 */
public final class ExperimentFile {

    private ExperimentFile() {
    }

    /** Reads and parses {@code file}. */
    public static Map<String, RawValue> read(Path file) {
        String text;
        try {
            text = utf8(file, Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new UserError("experiment file " + file + " does not exist; give the path of a .yaml file (or no file for the quickstart)");
        } catch (AccessDeniedException e) {
            throw new UserError("experiment file " + file + " cannot be read (permission denied); check its permissions");
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw new UserError("experiment file " + file + " is a directory; give the path of a .yaml file");
            }
            throw new UserError("experiment file " + file + " cannot be read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** The file's text; a file that is not UTF-8 (e.g. saved as Latin-1) is named with the line of its first bad byte. */
    private static String utf8(Path file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new UserError(file + ":" + line + ": the experiment file is not UTF-8 text (byte 0x"
                    + String.format("%02X", bytes[offset] & 0xFF) + " at offset " + offset + " is not valid UTF-8;"
                    + " Latin-1 or Windows-1252 text looks like this); save it as UTF-8");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** Parses experiment text; {@code source} names it in messages. */
    public static Map<String, RawValue> parse(String text, String source) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? source : source + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage().lines().findFirst().orElse("");
            String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
            throw new UserError(where + ": YAML syntax error: " + problem + context
                    + "; in flow lists [a, b] quote components that contain brackets, or use a block list (- item)");
        } catch (YAMLException e) {
            throw new UserError(source + ": YAML error: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null) {
            throw new UserError(source + ": the experiment file is empty; it needs at least dataset and optimizer");
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new UserError(at(source, root) + ": an experiment file is a mapping of keys (name:, dataset:, optimizer:, ...)");
        }
        Map<String, RawValue> values = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new UserError(at(source, tuple.getKeyNode()) + ": keys must be plain words");
            }
            String origin = at(source, key) + ": " + key.getValue();
            if (values.containsKey(key.getValue())) {
                throw new UserError(origin + " is given twice");
            }
            values.put(key.getValue(), convert(tuple.getValueNode(), source, key.getValue()));
        }
        return values;
    }

    private static RawValue convert(Node node, String source, String key) {
        String origin = at(source, node) + ": " + key;
        if (node instanceof ScalarNode scalar) {
            return new RawValue(scalar.getValue(), origin);
        }
        if (node instanceof SequenceNode sequence) {
            List<RawValue> items = new ArrayList<>();
            StringBuilder pending = null;
            String pendingOrigin = null;
            for (Node item : sequence.getValue()) {
                if (item instanceof ScalarNode scalar) {
                    // YAML splits flow lists at every comma, even inside a component's parentheses: join the pieces back.
                    String text = scalar.getValue();
                    if (pending != null) {
                        pending.append(", ").append(text);
                        if (depth(pending) <= 0) {
                            items.add(new RawValue(pending.toString(), pendingOrigin));
                            pending = null;
                        }
                        continue;
                    }
                    if (depth(text) > 0 && sequence.getFlowStyle() == org.yaml.snakeyaml.DumperOptions.FlowStyle.FLOW) {
                        pending = new StringBuilder(text);
                        pendingOrigin = at(source, item) + ": " + key;
                        continue;
                    }
                }
                if (pending != null) {
                    throw new UserError(pendingOrigin + ": unclosed '(' in '" + pending + "'");
                }
                items.add(convert(item, source, key));
            }
            if (pending != null) {
                throw new UserError(pendingOrigin + ": unclosed '(' in '" + pending + "'");
            }
            return new RawValue(items, origin);
        }
        if (node instanceof MappingNode mapping && (key.equals("parts") || key.equals("tuning") || key.equals("final")
                || key.equals("halving"))) {
            Map<String, RawValue> values = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode partKey)) {
                    throw new UserError(at(source, tuple.getKeyNode()) + ": keys must be plain words");
                }
                String partOrigin = at(source, partKey) + ": " + partKey.getValue();
                if (values.containsKey(partKey.getValue())) {
                    throw new UserError(partOrigin + " is given twice");
                }
                values.put(partKey.getValue(), convert(tuple.getValueNode(), source, partKey.getValue()));
            }
            return new RawValue(values, origin);
        }
        throw new UserError(origin + ": expected a value or a list, not a mapping"
                + " (write components as name(key=value), e.g. adam(lr=0.001))");
    }

    private static int depth(CharSequence text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
        }
        return depth;
    }

    private static String at(String source, Node node) {
        return source + ":" + (node.getStartMark().getLine() + 1);
    }

    /**
     * Parses a {@code --set key=value} override. The value is a scalar or a bracketed list {@code [a, b]} whose
     * items may be components with their own commas and brackets.
     */
    public static Map.Entry<String, RawValue> override(String assignment) {
        int equals = assignment.indexOf('=');
        if (equals <= 0) {
            throw new UserError("--set " + assignment + ": expected key=value, e.g. --set epochs=2 or --set \"optimizer=adam(lr=0.01)\"");
        }
        String key = assignment.substring(0, equals).trim();
        String origin = "--set " + key;
        return Map.entry(key, overrideValue(assignment.substring(equals + 1).trim(), origin));
    }

    private static RawValue overrideValue(String text, String origin) {
        if (!(text.startsWith("[") && text.endsWith("]"))) {
            return new RawValue(text, origin);
        }
        List<RawValue> items = new ArrayList<>();
        String inner = text.substring(1, text.length() - 1);
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= inner.length(); i++) {
            char c = i < inner.length() ? inner.charAt(i) : ',';
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String item = inner.substring(start, i).trim();
                if (!item.isEmpty()) {
                    items.add(overrideValue(item, origin));
                } else if (i < inner.length()) {
                    throw new UserError(origin + ": empty item in " + text);
                }
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw new UserError(origin + ": unbalanced brackets in " + text);
        }
        return new RawValue(items, origin);
    }
}
