#pragma once
/// Graphviz plumbing for graph_render.cc: a cgraph id discipline that numbers objects in creation
/// order (so DOT output does not depend on the allocator), a std::ostream output channel for
/// agwrite, RAII handles for graphs, gvc contexts, layouts and render buffers, and the lock and
/// error capture around Graphviz's global state. Nothing here knows escviz's model.

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <memory>
#include <mutex>
#include <ostream>
#include <string>

namespace escviz::graphviz {

/// Agdisc_t for agopen: ids in creation order (graphviz_handles.cc), the default memory
/// discipline, and agwrite into a std::ostream passed as the channel.
Agdisc_t* Discipline();

struct GraphCloser {
  void operator()(Agraph_t* g) const { agclose(g); }
};
using GraphPtr = std::unique_ptr<Agraph_t, GraphCloser>;

/// A gvc context with only the dot layout and core (SVG) plugins, built in: no plugin
/// configuration file (config6a) or dynamic plugin loading is involved.
class GvContext {
 public:
  GvContext();
  ~GvContext();
  GvContext(const GvContext&) = delete;
  GvContext& operator=(const GvContext&) = delete;
  GVC_t* get() const { return gvc_; }

 private:
  GVC_t* gvc_ = nullptr;
};

/// Frees the layout of a graph (before the graph is closed).
class LayoutGuard {
 public:
  LayoutGuard(GVC_t* gvc, Agraph_t* g) : gvc_(gvc), g_(g) {}
  ~LayoutGuard() { gvFreeLayout(gvc_, g_); }
  LayoutGuard(const LayoutGuard&) = delete;
  LayoutGuard& operator=(const LayoutGuard&) = delete;

 private:
  GVC_t* gvc_;
  Agraph_t* g_;
};

/// Owns the buffer of gvRenderData.
class RenderData {
 public:
  RenderData() = default;
  ~RenderData() {
    if (data_ != nullptr) gvFreeRenderData(data_);
  }
  RenderData(const RenderData&) = delete;
  RenderData& operator=(const RenderData&) = delete;
  char** data() { return &data_; }
  unsigned int* length() { return &length_; }
  /// Writes the rendered bytes to `out`.
  void WriteTo(std::ostream* out) const {
    if (data_ != nullptr) out->write(data_, static_cast<std::streamsize>(length_));
  }

 private:
  char* data_ = nullptr;
  unsigned int length_ = 0;
};

/// Graphviz keeps global state (error handler, attribute prototypes, static buffers): every
/// entry point that uses Graphviz holds this lock.
std::mutex& Mutex();

/// Sends Graphviz warnings and errors to a string instead of stderr while alive. Hold Mutex().
class ErrorCapture {
 public:
  ErrorCapture();
  ~ErrorCapture();
  ErrorCapture(const ErrorCapture&) = delete;
  ErrorCapture& operator=(const ErrorCapture&) = delete;
  /// What Graphviz reported, on one line.
  std::string text() const;

 private:
  std::string text_;
  agusererrf previous_handler_ = nullptr;
  agerrlevel_t previous_level_ = AGWARN;
};

}  // namespace escviz::graphviz
