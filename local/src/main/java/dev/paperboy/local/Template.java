package dev.paperboy.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.Constructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml as plain maps, with CloudFormation's short forms ({@code !Ref x}) read as their
 * long forms ({@code {Ref: x}}), so the local AWS is built from the one template that deploys.
 */
public final class Template {
    private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs",
            "ImportValue", "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or", "ToJsonString", "Length");

    private final Map<String, Object> root;

    private Template(Map<String, Object> root) {
        this.root = root;
    }

    public static Template load(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> root = new Yaml(new CfnConstructor()).load(reader);
            return new Template(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public Map<String, Map<String, Object>> resources() {
        return mapOf(root.get("Resources"));
    }

    public Map<String, Object> resource(String logicalId) {
        Map<String, Object> resource = resources().get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("template.yaml has no resource " + logicalId + "; it has " + resources().keySet());
        }
        return resource;
    }

    public Map<String, Object> conditions() {
        return mapOf(root.getOrDefault("Conditions", Map.of()));
    }

    public Map<String, Map<String, Object>> parameters() {
        return mapOf(root.getOrDefault("Parameters", Map.of()));
    }

    /** A function's properties with the template's Globals.Function under them (environment merged). */
    public Map<String, Object> functionProperties(String logicalId) {
        Map<String, Object> resource = resource(logicalId);
        if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
            throw new IllegalArgumentException(logicalId + " is a " + resource.get("Type") + ", not an AWS::Serverless::Function");
        }
        Map<String, Object> globals = mapOf(mapOf(root.getOrDefault("Globals", Map.of())).getOrDefault("Function", Map.of()));
        Map<String, Object> own = mapOf(resource.getOrDefault("Properties", Map.of()));
        Map<String, Object> merged = new LinkedHashMap<>(globals);
        merged.putAll(own);
        Map<String, Object> variables = new LinkedHashMap<>(variables(globals));
        variables.putAll(variables(own));
        merged.put("Environment", Map.of("Variables", variables));
        return merged;
    }

    public Optional<String> string(Map<String, Object> properties, String name) {
        return Optional.ofNullable(properties.get(name)).map(Object::toString);
    }

    private static Map<String, Object> variables(Map<String, Object> properties) {
        return mapOf(mapOf(properties.getOrDefault("Environment", Map.of())).getOrDefault("Variables", Map.of()));
    }

    @SuppressWarnings("unchecked")
    public static <V> Map<String, V> mapOf(Object value) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, V>) map;
        }
        throw new IllegalArgumentException("expected a mapping in template.yaml, got " + value);
    }

    private static final class CfnConstructor extends Constructor {
        CfnConstructor() {
            super(new LoaderOptions());
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            FUNCTIONS.forEach(name -> yamlConstructors.put(new Tag("!" + name), new Intrinsic("Fn::" + name)));
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    value = key.equals("Fn::GetAtt") ? List.of(text.split("\\.", 2)) : text;
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(key, value);
            }
        }
    }
}
