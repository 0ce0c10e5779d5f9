package dev.streamstorm.benchserver.http;

/** The errors bench-server answers, with their status and the type/code names of each style. */
enum ErrorKind {
  BAD_REQUEST(
      400, "invalid_request_error", "invalid_request_error", "invalid_request", "INVALID_ARGUMENT"),
  NOT_FOUND(404, "not_found", "not_found_error", "not_found", "NOT_FOUND"),
  METHOD_NOT_ALLOWED(
      405, "method_not_allowed", "invalid_request_error", "method_not_allowed", "UNIMPLEMENTED"),
  BUSY(409, "busy", "invalid_request_error", "busy", "ABORTED"),
  RATE_LIMITED(
      429, "rate_limit_error", "rate_limit_error", "rate_limit_exceeded", "RESOURCE_EXHAUSTED"),
  SERVER_ERROR(500, "server_error", "api_error", "server_error", "INTERNAL"),
  OVERLOADED(503, "overloaded", "overloaded_error", "overloaded", "UNAVAILABLE");

  final int status;
  final String type;
  final String anthropicType;
  final String code;

  /** google.rpc.Code name, as Google APIs put it in error.status. */
  final String googleStatus;

  ErrorKind(int status, String type, String anthropicType, String code, String googleStatus) {
    this.status = status;
    this.type = type;
    this.anthropicType = anthropicType;
    this.code = code;
    this.googleStatus = googleStatus;
  }
}
