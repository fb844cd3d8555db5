package io.github.dynacrud.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionJarsTest {
    @Test
    void forbidden_jarWithTestAndLocalCode_namesEveryOffendingEntry(@TempDir Path directory) throws Exception {
        // GIVEN a jar shaded with the test-scope artifacts by mistake
        Path jar = directory.resolve("bad-function.jar");
        List<String> bad = List.of("io/github/dynacrud/test/HttpApiEvents.class",
                "io/github/dynacrud/local/LocalServer.class",
                "com/amazonaws/services/dynamodbv2/local/main/ServerRunner.class",
                "org/junit/jupiter/api/Test.class", "org/mockito/Mockito.class",
                "software/amazon/awssdk/http/apache/ApacheHttpClient.class", "io/netty/channel/Channel.class",
                "META-INF/resources/webjars/swagger-ui/5.35.0/swagger-ui-bundle.js",
                "io/swagger/parser/OpenAPIParser.class", "com/networknt/schema/Schema.class");
        List<String> good = List.of("io/github/dynacrud/examples/todo/TodoHandler.class",
                "io/github/dynacrud/lambda/HttpApiHandler.class",
                "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream entries = new JarOutputStream(out)) {
            for (String name : Stream.concat(good.stream(), bad.stream()).toList()) {
                entries.putNextEntry(new ZipEntry(name));
                entries.closeEntry();
            }
        }

        // WHEN
        List<String> forbidden = FunctionJars.forbidden(FunctionJars.entries(jar));

        // THEN
        assertThat(forbidden).containsExactlyElementsOf(bad);
    }
}
