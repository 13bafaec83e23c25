#include "parsers/record_tracker.h"

#include "parsers/line_reader.h"
#include "parsers/raw_string.h"
#include "src/position.h"

namespace escviz {

bool RecordTracker::Feed(std::string_view line) {
  PosText pos;
  if (open_) {
    if (size_ + 1 + line.size() <= LineReader::kMaxLine &&
        ParsePositionPrefix(line, &pos) == std::string_view::npos) {
      size_ += 1 + line.size();
      open_ = RawStringOpenAfter(line, /*open=*/true);
      return false;
    }
    open_ = false;
  }
  size_ = line.size();
  open_ = RawStringOpenAfter(line, /*open=*/false) &&
          ParsePositionPrefix(line, &pos) != std::string_view::npos;
  return true;
}

}  // namespace escviz
