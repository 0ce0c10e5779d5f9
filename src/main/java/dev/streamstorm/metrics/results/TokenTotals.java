package dev.streamstorm.metrics.results;

import java.util.Map;

/**
 * Token totals of the successful messages, and where each message's answer count came from.
 *
 * @param answer answer tokens
 * @param reasoning reasoning tokens
 * @param input input tokens of the requests whose count is known
 * @param toolCalls tool calls started
 * @param sources messages by the source of their answer count: {@code usage} (the server's report),
 *     {@code tokenizer} (a BPE encoding of the text received), {@code chunks}
 */
public record TokenTotals(
    long answer, long reasoning, long input, long toolCalls, Map<String, Long> sources) {}
