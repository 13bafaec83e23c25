#pragma once
/// Where records start. A record is one line, or several when a positioned message opens a raw
/// string literal that runs on over the next lines (parsers/raw_string.h). Both the chunker
/// (parsers/input_chunks.h, to cut input only between records) and the pipeline's workers (to
/// join a record's lines) follow lines with this one rule.

#include <cstddef>
#include <string_view>

namespace escviz {

class RecordTracker {
 public:
  /// Feeds the next line (without its line end, at most LineReader::kMaxLine bytes); returns
  /// true if it starts a new record, false if it continues the record before it. A line
  /// continues a record while a raw string literal opened by the record's first line (which has
  /// a position) is open, unless it starts with a position itself or would make the record
  /// longer than LineReader::kMaxLine.
  bool Feed(std::string_view line);

 private:
  bool open_ = false;  ///< the current record's raw string literal is still open
  size_t size_ = 0;    ///< bytes of the current record, lines joined by '\n'
};

}  // namespace escviz
