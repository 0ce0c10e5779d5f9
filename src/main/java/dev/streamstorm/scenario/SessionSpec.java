package dev.streamstorm.scenario;

import java.util.Map;

/**
 * Once per virtual user, before its first message: a plain request/response call whose JSON answer
 * provides variables for later templates (for example {@code session_id}).
 *
 * @param request the call to make
 * @param extract variable name to JSON Pointer into the response body
 */
public record SessionSpec(RequestSpec request, Map<String, String> extract) {}
