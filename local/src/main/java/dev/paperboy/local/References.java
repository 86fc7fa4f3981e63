package dev.paperboy.local;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the intrinsic functions a function's environment uses ({@code Ref}, {@code Fn::GetAtt},
 * {@code Fn::Sub}, {@code Fn::Join}) to what they would be in a stack on the local AWS.
 */
final class References {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

    private final Template template;
    private final LocalAws aws;
    private final Map<String, String> parameterOverrides;

    References(Template template, LocalAws aws, Map<String, String> parameterOverrides) {
        this.template = template;
        this.aws = aws;
        this.parameterOverrides = parameterOverrides;
    }

    /** The value, or null where the template says AWS::NoValue (the property is left out). */
    String resolve(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        Map<String, Object> function = Template.mapOf(value);
        if (function.containsKey("Ref")) {
            return "AWS::NoValue".equals(function.get("Ref")) ? null : ref(function.get("Ref").toString());
        }
        if (function.containsKey("Fn::If")) {
            List<?> args = (List<?>) function.get("Fn::If");
            return resolve(condition(args.get(0).toString()) ? args.get(1) : args.get(2));
        }
        if (function.containsKey("Fn::GetAtt")) {
            List<?> target = (List<?>) function.get("Fn::GetAtt");
            return getAtt(target.get(0).toString(), target.get(1).toString());
        }
        if (function.containsKey("Fn::Sub")) {
            return sub(function.get("Fn::Sub"));
        }
        if (function.containsKey("Fn::Join")) {
            List<?> args = (List<?>) function.get("Fn::Join");
            return String.join(args.get(0).toString(), ((List<?>) args.get(1)).stream().map(this::resolve).toList());
        }
        throw new IllegalArgumentException("the local AWS cannot resolve " + function.keySet() + " yet");
    }

    boolean condition(String name) {
        Object definition = Template.mapOf(template.conditions()).get(name);
        if (definition == null) {
            throw new IllegalArgumentException("template.yaml has no condition " + name);
        }
        return evaluate(definition);
    }

    private boolean evaluate(Object expression) {
        Map<String, Object> function = Template.mapOf(expression);
        if (function.containsKey("Condition")) {
            return condition(function.get("Condition").toString());
        }
        List<?> args = (List<?>) function.values().iterator().next();
        return switch (function.keySet().iterator().next()) {
            case "Fn::Equals" -> java.util.Objects.equals(resolve(args.get(0)), resolve(args.get(1)));
            case "Fn::Not" -> !evaluate(args.get(0));
            case "Fn::And" -> args.stream().allMatch(this::evaluate);
            case "Fn::Or" -> args.stream().anyMatch(this::evaluate);
            default -> throw new IllegalArgumentException("the local AWS cannot evaluate " + function.keySet());
        };
    }

    String ref(String name) {
        switch (name) {
            case "AWS::Region":
                return aws.region();
            case "AWS::AccountId":
                return LocalAws.ACCOUNT;
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::StackName":
                return aws.prefix() + "stack";
            default:
                break;
        }
        Map<String, Object> parameter = template.parameters().get(name);
        if (parameter != null) {
            String value = parameterOverrides.get(name);
            if (value != null) {
                return value;
            }
            if (!parameter.containsKey("Default")) {
                throw new IllegalArgumentException("parameter " + name + " has no Default; pass a value for it");
            }
            return parameter.get("Default").toString();
        }
        Map<String, Object> resource = template.resource(name);
        if ("AWS::SQS::Queue".equals(resource.get("Type"))) {
            return aws.queueUrl(name);
        }
        if ("AWS::SNS::Topic".equals(resource.get("Type"))) {
            return arn("AWS::SNS::Topic", aws.physicalName(name)); // a topic's Ref is its ARN
        }
        return aws.physicalName(name);
    }

    private String getAtt(String logicalId, String attribute) {
        String type = template.resource(logicalId).get("Type").toString();
        String name = aws.physicalName(logicalId);
        return switch (attribute) {
            case "Arn" -> arn(type, name);
            case "StreamArn" -> arn(type, name) + "/stream/local";
            default -> name;
        };
    }

    private String arn(String type, String name) {
        return switch (type) {
            case "AWS::S3::Bucket" -> "arn:aws:s3:::" + name;
            case "AWS::DynamoDB::Table" -> "arn:aws:dynamodb:" + aws.region() + ":" + LocalAws.ACCOUNT + ":table/" + name;
            case "AWS::SQS::Queue" -> "arn:aws:sqs:" + aws.region() + ":" + LocalAws.ACCOUNT + ":" + name;
            case "AWS::SNS::Topic" -> "arn:aws:sns:" + aws.region() + ":" + LocalAws.ACCOUNT + ":" + name;
            default -> "arn:aws:local:" + aws.region() + ":" + LocalAws.ACCOUNT + ":" + name;
        };
    }

    private String sub(Object argument) {
        String text;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?> list) {
            text = list.get(0).toString();
            variables = Template.mapOf(list.get(1));
        } else {
            text = argument.toString();
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1);
            String value;
            if (variables.containsKey(variable)) {
                value = resolve(variables.get(variable));
            } else if (variable.contains(".")) {
                String[] parts = variable.split("\\.", 2);
                value = getAtt(parts[0], parts[1]);
            } else {
                value = ref(variable);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
