package coffer.tasks.control;

import java.util.Map;

/**
 * The names of instances by their ids, for what people read: the tables record the id, which is
 * unique to a boot, and the API and the console show the name the instance was given.
 */
public record InstanceNames(Map<String, String> byId) {

    /** The instance's name; the id itself when its row is gone, null for no instance. */
    public String of(String id) {
        return id == null ? null : byId.getOrDefault(id, id);
    }
}
