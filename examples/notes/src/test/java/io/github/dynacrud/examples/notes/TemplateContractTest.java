package io.github.dynacrud.examples.notes;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.github.dynacrud.entity.Index;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Checks that template.yaml deploys what the notes code needs. Its shape is the todo example's, whose own contract
 * test checks it in depth (HttpApi with a JWT authorizer, CORS origins, least privilege, SnapStart, the table): the
 * two templates differ only in names, descriptions, and what the code here needs.
 */
class TemplateContractTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    /** A line of a description, which may say anything. */
    private static final Pattern DESCRIPTION = Pattern.compile("\\s*(Description: .*|  (dynacrud|Build|`sam).*)");

    @Test
    void template_isTheTodoTemplateWithTheNotesNames() throws Exception {
        // GIVEN
        List<String> todo = lines(MODULE.resolve("../todo/template.yaml")).stream()
                .map(line -> line.replace("examples.todo.TodoHandler", "examples.notes.NotesHandler")
                        .replace("todo-example.jar", "notes-example.jar").replace("Todo", "Notes"))
                .toList();

        // WHEN
        List<String> notes = lines(MODULE.resolve("template.yaml"));

        // THEN
        assertThat(notes).containsExactlyElementsOf(todo);
        String text = String.join("\n", notes);
        assertThat(text).contains("Handler: io.github.dynacrud.examples.notes.NotesHandler::handleRequest",
                "CodeUri: target/notes-example.jar", "ApplyOn: PublishedVersions", "BillingMode: PAY_PER_REQUEST",
                "IndexName: GSI1", "ProjectionType: ALL", "TABLE_NAME: !Ref NotesTable",
                "DefaultAuthorizer: JwtAuthorizer");
        // TransactWriteItems needs the permission of each action it holds: PutItem, UpdateItem and DeleteItem.
        assertThat(text).contains("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                "dynamodb:GetItem", "dynamodb:Query").doesNotContain("dynamodb:*", "dynamodb:Scan");
    }

    @Test
    void handler_isAClassLambdaCanConstructAndCall() throws Exception {
        // GIVEN
        Class<?> type = NotesHandler.class;

        // WHEN / THEN
        assertThat(Modifier.isPublic(type.getConstructor().getModifiers())).isTrue();
        assertThat(type.getMethod("handleRequest", APIGatewayV2HTTPEvent.class, Context.class).getReturnType())
                .isEqualTo(APIGatewayV2HTTPResponse.class);
    }

    @Test
    void codeUri_isTheJarThePomShades() throws Exception {
        // GIVEN
        String pom = Files.readString(MODULE.resolve("pom.xml"));

        // WHEN / THEN
        assertThat(pom).contains("<outputFile>${project.build.directory}/notes-example.jar</outputFile>");
    }

    @Test
    void entities_writeOnlyTheTablesIndex() {
        // GIVEN the one index of the template, GSI1 on GSI1PK and GSI1SK

        // WHEN
        List<Index> indexes = List.of(Notebook.ENTITY.indexes().get(0), Note.ENTITY.indexes().get(0));

        // THEN
        assertThat(Notebook.ENTITY.indexes()).hasSize(1);
        assertThat(Note.ENTITY.indexes()).hasSize(1);
        assertThat(indexes).allSatisfy(index -> {
            assertThat(index.name()).isEqualTo("GSI1");
            assertThat(index.partitionKeyAttribute()).isEqualTo("GSI1PK");
            assertThat(index.sortKeyAttribute()).isEqualTo("GSI1SK");
        });
        assertThat(Notebook.ENTITY.uniqueAttributes()).isEmpty();
        assertThat(Note.ENTITY.uniqueAttributes()).isEmpty();
    }

    private static List<String> lines(Path template) throws Exception {
        return Files.readAllLines(template).stream().filter(line -> !DESCRIPTION.matcher(line).matches()).toList();
    }
}
