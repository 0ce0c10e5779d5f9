package dev.streamstorm.benchserver.http;

/** The errors bench-server answers, with their status and the type/code names of each style. */
enum ErrorKind {
  BAD_REQUEST(400, "invalid_request_error", "invalid_request_error", "invalid_request"),
  NOT_FOUND(404, "not_found", "not_found_error", "not_found"),
  METHOD_NOT_ALLOWED(405, "method_not_allowed", "invalid_request_error", "method_not_allowed"),
  BUSY(409, "busy", "invalid_request_error", "busy"),
  RATE_LIMITED(429, "rate_limit_error", "rate_limit_error", "rate_limit_exceeded"),
  SERVER_ERROR(500, "server_error", "api_error", "server_error"),
  OVERLOADED(503, "overloaded", "overloaded_error", "overloaded");

  final int status;
  final String type;
  final String anthropicType;
  final String code;

  ErrorKind(int status, String type, String anthropicType, String code) {
    this.status = status;
    this.type = type;
    this.anthropicType = anthropicType;
    this.code = code;
  }
}
