package io.github.dynacrud.lambda.logging;

// tag::own-log-lines[]
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class GuideOrderService {
    private static final Logger LOG = LoggerFactory.getLogger(GuideOrderService.class);

    public void ship(String orderId, int items) {
        LOG.atInfo().addKeyValue("order_id", orderId).addKeyValue("items", items).log("order shipped");
    }
}
// end::own-log-lines[]
