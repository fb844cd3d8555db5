package ${package};

import io.github.dynacrud.http.Router;
import io.github.dynacrud.lambda.HttpApiHandler;
import io.github.dynacrud.lambda.PrimingRequest;
import io.github.dynacrud.lambda.SnapStartPriming;
import io.github.dynacrud.table.SingleTable;

/** The tasks API: the Lambda handler named in template.yaml. */
public class TaskHandler extends HttpApiHandler {
    /** The constructor Lambda calls: the table from TABLE_NAME, the region from AWS_REGION. */
    public TaskHandler() {
        this(SingleTable.fromEnvironment());
    }

    /** The constructor tests and the local run call: a table on their own client, no environment needed. */
    public TaskHandler(SingleTable table) {
        super(Router.builder()
                .resource("/tasks", table.repository(Task.ENTITY))
                .build());
        SnapStartPriming.register(this, PrimingRequest.post("/tasks").subject("priming").json("{}").build());
    }
}
