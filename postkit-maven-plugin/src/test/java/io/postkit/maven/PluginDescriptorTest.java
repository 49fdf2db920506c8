package io.postkit.maven;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code mvn help:describe -Dplugin=postkit -Ddetail} shows, read from the generated descriptor: each goal
 * declares only the parameters it uses, and every parameter says what it is in plain text (javadoc tags such as
 * {@code {@code}} come out mangled there).
 */
class PluginDescriptorTest {

    private static final Set<String> PROJECT = Set.of("skip", "schemaDir", "schemas", "remotes");
    private static final Set<String> LOCAL_SERVER = union(PROJECT, "localDataDir", "keepRunning", "binariesVersion",
            "osUser", "local", "localProvider");
    private static final Set<String> CLONE = union(LOCAL_SERVER, "cloneWorkers", "clone", "cloneSchemaOnly",
            "cloneExcludeData", "cloneSample");
    private static final Set<String> SCRIPTS = union(LOCAL_SERVER, "apply", "remote", "yes");
    private static final Set<String> SERVER = Set.of("skip", "binariesVersion", "osUser");

    private static Map<String, Map<String, String>> goals;

    @BeforeAll
    static void readDescriptor() throws Exception {
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Path.of("target/classes/META-INF/maven/plugin.xml").toFile()).getDocumentElement();
        goals = new TreeMap<>();
        NodeList mojos = root.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            Map<String, String> parameters = new TreeMap<>();
            NodeList list = mojo.getElementsByTagName("parameter");
            for (int j = 0; j < list.getLength(); j++) {
                Element p = (Element) list.item(j);
                if (text(p, "editable").equals("true")) {
                    parameters.put(text(p, "name"), text(p, "description"));
                }
            }
            goals.put(text(mojo, "goal"), parameters);
        }
    }

    @Test
    void eachGoalDeclaresOnlyTheParametersItUses() {
        Map<String, Set<String>> expected = new TreeMap<>();
        expected.put("abort", LOCAL_SERVER);
        expected.put("apply", union(LOCAL_SERVER, "allowDataLoss", "name"));
        expected.put("check", union(LOCAL_SERVER, "remote", "pgVersion", "manageOwners", "format"));
        expected.put("commit", LOCAL_SERVER);
        expected.put("deploy", union(CLONE, "remote", "dryRun", "yes", "deployLockWait", "lockTimeout",
                "lockRetries"));
        expected.put("diff", union(SERVER, "from", "to", "output", "pgVersion", "schemas"));
        expected.put("grants", SCRIPTS);
        expected.put("help", Set.of("detail", "goal", "indentSize", "lineLength"));
        expected.put("import", union(PROJECT, "remote", "force", "yes", "manageOwners"));
        expected.put("infra", SCRIPTS);
        expected.put("migration", union(PROJECT, "name"));
        expected.put("plan", union(LOCAL_SERVER, "online", "manageOwners", "format"));
        expected.put("remotes", union(PROJECT, "format"));
        expected.put("seed", SCRIPTS);
        expected.put("server-start", union(SERVER, "serverMajor", "serverPort", "serverDataDir", "serverServerId",
                "serverDatabase", "serverInitScripts"));
        expected.put("server-stop", union(SERVER, "serverDataDir"));
        expected.put("start", union(CLONE, "remote"));
        expected.put("status", union(PROJECT, "localDataDir", "offline", "format"));
        Map<String, Set<String>> actual = new TreeMap<>();
        goals.forEach((goal, parameters) -> actual.put(goal, new TreeSet<>(parameters.keySet())));
        expected.replaceAll((goal, names) -> new TreeSet<>(names));
        assertEquals(expected, actual);
    }

    @Test
    void everyParameterIsDescribedInPlainText() {
        goals.forEach((goal, parameters) -> parameters.forEach((name, description) -> {
            assertTrue(description.length() > 10, goal + " " + name + " has no description");
            assertTrue(!description.contains("{@") && !description.contains("<code>"),
                    goal + " " + name + ": " + description);
        }));
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }

    private static Set<String> union(Set<String> base, String... more) {
        Set<String> all = new TreeSet<>(base);
        all.addAll(Set.of(more));
        return all;
    }
}
