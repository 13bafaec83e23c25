#include "render/graphviz_handles.h"

#include <graphviz/gvplugin.h>

#include <string_view>
#include <unordered_map>
#include <vector>

// The two plugin libraries escviz needs, linked in (libgvplugin_dot_layout.so and
// libgvplugin_core.so) and handed to gvContextPlugins.
extern "C" {
extern gvplugin_library_t gvplugin_dot_layout_LTX_library;
extern gvplugin_library_t gvplugin_core_LTX_library;
}

namespace escviz::graphviz {
namespace {

/// Object ids in creation order. cgraph's default id discipline uses the address of the interned
/// name as the id, and subgraphs are kept (and written) in id order: that order would depend on
/// the allocator. Here named objects get even ids 2, 4, ... in the order their names are first
/// seen, anonymous ones odd ids, so clusters come out in the order given. Names are still
/// cgraph's reference-counted strings (agwrite inspects them to tell HTML strings apart); they
/// are released with the graph's string dictionary when the graph is closed.
struct IdState {
  Agraph_t* root;
  std::unordered_map<std::string_view, IDTYPE> ids;  ///< keys point into `names`
  std::vector<char*> names;                          ///< names[k] has id 2 * (k + 1)
  IDTYPE next_anonymous = 1;
};

void* IdOpen(Agraph_t* g, Agdisc_t*) { return new IdState{g, {}, {}, 1}; }

long IdMap(void* state, int, char* str, IDTYPE* id, int createflag) {
  auto* s = static_cast<IdState*>(state);
  if (str == nullptr) {
    *id = s->next_anonymous;
    s->next_anonymous += 2;
    return 1;
  }
  auto it = s->ids.find(str);
  if (it != s->ids.end()) {
    *id = it->second;
    return 1;
  }
  if (!createflag) return 0;
  char* name = agstrdup(s->root, str);
  if (name == nullptr) return 0;
  s->names.push_back(name);
  *id = 2 * static_cast<IDTYPE>(s->names.size());
  s->ids.emplace(name, *id);
  return 1;
}

long IdAlloc(void*, int, IDTYPE) { return 0; }  // no client-chosen ids
void IdFree(void*, int, IDTYPE) {}              // names live until the graph is closed

char* IdPrint(void* state, int, IDTYPE id) {
  auto* s = static_cast<IdState*>(state);
  if (id % 2 != 0 || id == 0 || id / 2 > s->names.size()) return nullptr;
  return s->names[id / 2 - 1];
}

void IdClose(void* state) { delete static_cast<IdState*>(state); }
void IdRegister(void*, int, void*) {}

Agiddisc_t kIdDisc = {IdOpen, IdMap, IdAlloc, IdFree, IdPrint, IdClose, IdRegister};

/// agwrite output: the channel is a std::ostream.
int PutStr(void* chan, const char* str) {
  *static_cast<std::ostream*>(chan) << str;
  return 0;
}
int Flush(void*) { return 0; }

std::string* captured_errors = nullptr;  // guarded by Mutex()

int CollectError(char* message) {
  if (captured_errors != nullptr && message != nullptr) captured_errors->append(message);
  return 0;
}

}  // namespace

Agdisc_t* Discipline() {
  static Agiodisc_t io_disc = {AgIoDisc.afread, PutStr, Flush};
  static Agdisc_t disc = {&AgMemDisc, &kIdDisc, &io_disc};
  return &disc;
}

GvContext::GvContext() {
  static const lt_symlist_t kBuiltins[] = {
      {"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
      {"gvplugin_core_LTX_library", &gvplugin_core_LTX_library},
      {nullptr, nullptr},
  };
  gvc_ = gvContextPlugins(kBuiltins, /*demand_loading=*/0);
}

GvContext::~GvContext() {
  if (gvc_ != nullptr) gvFreeContext(gvc_);
}

std::mutex& Mutex() {
  static std::mutex mu;
  return mu;
}

ErrorCapture::ErrorCapture() {
  captured_errors = &text_;
  previous_handler_ = agseterrf(CollectError);
  previous_level_ = agseterr(AGWARN);
  agreseterrors();
}

ErrorCapture::~ErrorCapture() {
  agseterr(previous_level_);
  agseterrf(previous_handler_);
  captured_errors = nullptr;
}

std::string ErrorCapture::text() const {
  std::string t = text_;
  while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) t.pop_back();
  for (char& c : t) {
    if (c == '\n') c = ' ';
  }
  return t;
}

}  // namespace escviz::graphviz
