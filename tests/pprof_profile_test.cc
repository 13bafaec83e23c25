// Reading pprof heap profiles (parsers/pprof_profile.h): profiles written here with the classes
// generated from pprof's profile.proto, gzipped with zlib, read back.

#include "parsers/pprof_profile.h"

#include <pprof/profile.pb.h>  // generated into the build folder (CMakeLists.txt)
#include <sys/stat.h>
#include <zlib.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <thread>

#include "tests/test_support.h"

namespace escviz {
namespace {

namespace pb = perftools::profiles;

/// Builds a profile's string table as its fields name strings.
class Strings {
 public:
  explicit Strings(pb::Profile* p) : p_(p) { p_->add_string_table(""); }
  int64_t operator()(const std::string& s) {
    for (int i = 0; i < p_->string_table_size(); ++i) {
      if (p_->string_table(i) == s) return i;
    }
    p_->add_string_table(s);
    return p_->string_table_size() - 1;
  }

 private:
  pb::Profile* p_;
};

/// `data` gzipped (zlib, gzip framing).
std::string Gzip(const std::string& data) {
  z_stream zs{};
  REQUIRE(deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8,
                       Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&zs, data.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&zs, Z_FINISH) == Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

/// A heap profile as Go writes one: four sample types, a mapping, and three locations, of
/// which location 30 holds two lines (newT inlined into build, innermost first). Ids are
/// not the indices (functions 7, 8, 9; locations 10, 20, 30).
pb::Profile HeapMessage() {
  pb::Profile p;
  Strings s(&p);
  for (const auto& [type, unit] : {std::pair{"alloc_objects", "count"},
                                   {"alloc_space", "bytes"},
                                   {"inuse_objects", "count"},
                                   {"inuse_space", "bytes"}}) {
    pb::ValueType* t = p.add_sample_type();
    t->set_type(s(type));
    t->set_unit(s(unit));
  }
  p.mutable_period_type()->set_type(s("space"));
  p.mutable_period_type()->set_unit(s("bytes"));
  p.set_period(524288);
  p.set_default_sample_type(s("alloc_space"));
  pb::Mapping* m = p.add_mapping();
  m->set_id(1);
  m->set_filename(s("/tmp/go-build1/b001/exe/app"));
  const struct {
    uint64_t id;
    const char* name;
    const char* file;
  } functions[] = {{7, "main.main", "/home/u/app/main.go"},
                   {8, "example.com/app/p.build", "/home/u/app/p/build.go"},
                   {9, "example.com/app/p.(*T).newT", "/home/u/app/p/t.go"}};
  for (const auto& f : functions) {
    pb::Function* g = p.add_function();
    g->set_id(f.id);
    g->set_name(s(f.name));
    g->set_system_name(s(f.name));
    g->set_filename(s(f.file));
  }
  auto location = [&](uint64_t id, std::vector<std::pair<uint64_t, int64_t>> lines) {
    pb::Location* l = p.add_location();
    l->set_id(id);
    l->set_mapping_id(1);
    l->set_address(0x401000 + id);
    for (const auto& [function, line] : lines) {
      pb::Line* k = l->add_line();
      k->set_function_id(function);
      k->set_line(line);
    }
  };
  location(10, {{7, 12}});
  location(20, {{8, 40}});
  location(30, {{9, 77}, {8, 41}});
  auto sample = [&](std::vector<uint64_t> locations, std::vector<int64_t> values) {
    pb::Sample* t = p.add_sample();
    for (uint64_t l : locations) t->add_location_id(l);
    for (int64_t v : values) t->add_value(v);
  };
  sample({30, 10}, {3, 3072, 1, 1024});
  sample({20, 30, 10}, {5, 80, 0, 0});
  return p;
}

std::string Write(const test::TempDir& dir, const std::string& name, const std::string& bytes) {
  return dir.Write(name, bytes);
}

/// Reads `path` expecting failure; returns the message.
std::string ReadError(const std::string& path) {
  HeapProfile h;
  std::string error;
  CHECK_FALSE(ReadHeapProfile(path, &h, &error));
  CHECK(error.rfind(path, 0) == 0);  // it starts with the path
  return error;
}

}  // namespace

TEST_CASE("pprof: a gzip heap profile with inline frames reads back exactly", "[pprof]") {
  test::TempDir dir("escviz-pprof");
  const std::string path = Write(dir, "heap.pprof", Gzip(HeapMessage().SerializeAsString()));
  HeapProfile h;
  std::string error;
  REQUIRE(ReadHeapProfile(path, &h, &error));
  CHECK(error.empty());
  CHECK(h.path == path);

  REQUIRE(h.sample_types.size() == 4);
  CHECK(h.sample_types[0].type == "alloc_objects");
  CHECK(h.sample_types[0].unit == "count");
  CHECK(h.sample_types[1].type == "alloc_space");
  CHECK(h.sample_types[1].unit == "bytes");
  CHECK(h.sample_types[3].type == "inuse_space");
  CHECK(h.default_sample_type == 1);
  CHECK(h.SampleTypeIndex("inuse_objects") == 2);
  CHECK(h.SampleTypeIndex("cpu") == -1);
  CHECK(h.period == 524288);
  CHECK(h.main_binary == "/tmp/go-build1/b001/exe/app");

  REQUIRE(h.functions.size() == 3);
  CHECK(h.functions[0].name == "main.main");
  CHECK(h.functions[0].filename == "/home/u/app/main.go");
  CHECK(h.functions[2].name == "example.com/app/p.(*T).newT");
  CHECK(h.functions[2].filename == "/home/u/app/p/t.go");

  REQUIRE(h.locations.size() == 3);
  REQUIRE(h.lines.size() == 4);
  // Location 30 (index 2): newT at t.go:77 inlined into build at build.go:41, innermost first.
  const HeapProfile::Location& inl = h.locations[2];
  REQUIRE(inl.line_count == 2);
  CHECK(h.lines[inl.first_line].function == 2);
  CHECK(h.lines[inl.first_line].line == 77);
  CHECK(h.lines[inl.first_line + 1].function == 1);
  CHECK(h.lines[inl.first_line + 1].line == 41);
  CHECK(h.locations[0].line_count == 1);
  CHECK(h.lines[h.locations[0].first_line].function == 0);
  CHECK(h.lines[h.locations[0].first_line].line == 12);

  REQUIRE(h.samples.size() == 2);
  REQUIRE(h.values.size() == 8);
  const HeapProfile::Sample& s0 = h.samples[0];
  REQUIRE(s0.location_count == 2);
  CHECK(h.sample_locations[s0.first_location] == 2);  // location id 30, leaf first
  CHECK(h.sample_locations[s0.first_location + 1] == 0);
  const HeapProfile::Sample& s1 = h.samples[1];
  REQUIRE(s1.location_count == 3);
  CHECK(h.sample_locations[s1.first_location] == 1);
  CHECK(h.sample_locations[s1.first_location + 1] == 2);
  CHECK(h.sample_locations[s1.first_location + 2] == 0);
  CHECK(h.Value(0, 0) == 3);
  CHECK(h.Value(0, 1) == 3072);
  CHECK(h.Value(0, 3) == 1024);
  CHECK(h.Value(1, 0) == 5);
  CHECK(h.Value(1, 1) == 80);
  CHECK(h.Value(1, 2) == 0);
}

TEST_CASE("pprof: plain protobuf, sparse ids, no default sample type", "[pprof]") {
  test::TempDir dir("escviz-pprof");
  pb::Profile p = HeapMessage();
  p.set_default_sample_type(0);
  // Ids far apart: the hash map, not the vector.
  p.mutable_location(2)->set_id(uint64_t{1} << 40);
  p.mutable_sample(0)->set_location_id(0, uint64_t{1} << 40);
  p.mutable_sample(1)->set_location_id(1, uint64_t{1} << 40);
  const std::string path = Write(dir, "heap.pb", p.SerializeAsString());
  HeapProfile h;
  std::string error;
  REQUIRE(ReadHeapProfile(path, &h, &error));
  CHECK(h.default_sample_type == -1);
  REQUIRE(h.samples.size() == 2);
  CHECK(h.sample_locations[h.samples[0].first_location] == 2);
  CHECK(h.sample_locations[h.samples[1].first_location + 1] == 2);
  CHECK(h.Value(1, 1) == 80);
}

TEST_CASE("pprof: files that are not heap profiles are refused, naming the file", "[pprof]") {
  test::TempDir dir("escviz-pprof");
  const std::string good = HeapMessage().SerializeAsString();

  SECTION("not gzip, not protobuf") {
    const std::string path = Write(dir, "notes.txt", "# some notes\nnot a profile at all\n");
    CHECK(ReadError(path) ==
          path + " is not a pprof profile: neither gzip-compressed nor a protobuf profile");
  }
  SECTION("an empty file") {
    const std::string path = Write(dir, "empty.pprof", "");
    CHECK(ReadError(path) == path + " is empty");
  }
  SECTION("a missing file") {
    const std::string path = dir.Path("missing.pprof");
    CHECK_THAT(ReadError(path), Catch::Contains("cannot open: No such file or directory"));
  }
  SECTION("a truncated gzip file") {
    const std::string gz = Gzip(good);
    const std::string path = Write(dir, "cut.pprof", gz.substr(0, gz.size() - 12));
    const std::string e = ReadError(path);
    CHECK_THAT(e, Catch::StartsWith(path + ": truncated gzip data after "));
    CHECK_THAT(e, Catch::EndsWith(" bytes (uncompressed)"));
  }
  SECTION("a gzip file cut inside its header") {
    const std::string path = Write(dir, "head.pprof", Gzip(good).substr(0, 5));
    CHECK(ReadError(path) == path + ": truncated gzip data after 0 bytes (uncompressed)");
  }
  SECTION("corrupt deflate data") {
    std::string gz = Gzip(good);
    gz[10] = '\xff';  // the first deflate block header: reserved block type 3
    const std::string path = Write(dir, "corrupt.pprof", gz);
    CHECK_THAT(ReadError(path),
               Catch::StartsWith(path + ": corrupt gzip data after 0 bytes (uncompressed): "));
  }
  SECTION("a bad checksum") {
    std::string gz = Gzip(good);
    gz[gz.size() - 8] ^= 1;  // CRC-32, first of the trailer's eight bytes
    const std::string path = Write(dir, "crc.pprof", gz);
    CHECK(ReadError(path) == path + ": corrupt gzip data after " + std::to_string(good.size()) +
                                 " bytes (uncompressed): incorrect data check");
  }
  SECTION("gzip of bytes that are not a protobuf") {
    std::string garbage;
    for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((i * 7919 + 13) % 251);
    const std::string path = Write(dir, "garbage.pprof", Gzip(garbage));
    CHECK(ReadError(path) ==
          path + ": the gzip data is not a protobuf profile (4096 bytes uncompressed)");
  }
  SECTION("a sample naming a location the profile does not have") {
    pb::Profile p = HeapMessage();
    p.mutable_sample(1)->set_location_id(2, 99);
    const std::string path = Write(dir, "loc.pprof", Gzip(p.SerializeAsString()));
    CHECK(ReadError(path) ==
          path + ": sample 1 names location 99, which the profile does not have");
  }
  SECTION("a line naming a function the profile does not have") {
    pb::Profile p = HeapMessage();
    p.mutable_location(2)->mutable_line(1)->set_function_id(12);
    const std::string path = Write(dir, "fn.pprof", Gzip(p.SerializeAsString()));
    CHECK(ReadError(path) ==
          path + ": location 2 (id 30) names function 12, which the profile does not have");
  }
  SECTION("two locations with one id") {
    pb::Profile p = HeapMessage();
    p.mutable_location(2)->set_id(10);
    const std::string path = Write(dir, "dup.pprof", Gzip(p.SerializeAsString()));
    CHECK(ReadError(path) == path + ": locations 0 and 2 both have id 10");
  }
  SECTION("a string index past the string table") {
    pb::Profile p = HeapMessage();
    const int n = p.string_table_size();
    p.mutable_function(1)->set_filename(n + 5);
    const std::string path = Write(dir, "str.pprof", Gzip(p.SerializeAsString()));
    CHECK(ReadError(path) ==
          path + ": the file name of function 1 (id 8) is string " + std::to_string(n + 5) +
              ", which the profile does not have (its string table has " + std::to_string(n) + ")");
  }
  SECTION("a negative string index") {
    pb::Profile p = HeapMessage();
    p.mutable_sample_type(2)->set_unit(-1);
    const std::string path = Write(dir, "neg.pprof", Gzip(p.SerializeAsString()));
    CHECK_THAT(ReadError(path),
               Catch::StartsWith(path + ": the unit of sample type 2 is string -1, which"));
  }
  SECTION("a sample with too few values") {
    pb::Profile p = HeapMessage();
    p.mutable_sample(1)->mutable_value()->RemoveLast();
    const std::string path = Write(dir, "values.pprof", Gzip(p.SerializeAsString()));
    CHECK(ReadError(path) == path + ": sample 1 has 3 values, but the profile has 4 sample types");
  }
  SECTION("a CPU profile") {
    pb::Profile p;
    Strings s(&p);
    for (const auto& [type, unit] : {std::pair{"samples", "count"}, {"cpu", "nanoseconds"}}) {
      pb::ValueType* t = p.add_sample_type();
      t->set_type(s(type));
      t->set_unit(s(unit));
    }
    p.mutable_period_type()->set_type(s("cpu"));
    p.mutable_period_type()->set_unit(s("nanoseconds"));
    p.set_period(10000000);
    const std::string path = Write(dir, "cpu.pprof", Gzip(p.SerializeAsString()));
    CHECK(ReadError(path) ==
          path + " is a cpu profile (samples/count, cpu/nanoseconds), not a heap profile");
  }
  SECTION("a profile without sample types") {
    pb::Profile p;
    p.add_string_table("");
    const std::string path = Write(dir, "none.pprof", Gzip(p.SerializeAsString()));
    CHECK(ReadError(path) == path + " is not a heap profile: it has no sample types");
  }
}

TEST_CASE("pprof: a profile of many chunks, gzip in two members or plain, reads back whole",
          "[pprof]") {
  // 40000 samples (about 1.5 MB): the reader's chunks (256 KB) cut samples in two.
  pb::Profile p = HeapMessage();
  p.clear_sample();
  for (int i = 0; i < 40000; ++i) {
    pb::Sample* t = p.add_sample();
    for (int k = 0; k <= i % 20; ++k) t->add_location_id(10 * (1 + (i + k) % 3));
    for (int v = 0; v < 4; ++v) t->add_value(int64_t{i} * 1000003 + v);
  }
  const std::string bytes = p.SerializeAsString();
  REQUIRE(bytes.size() > 1000000);
  test::TempDir dir("escviz-pprof");
  const std::string gz_path =
      Write(dir, "two.pprof", Gzip(bytes.substr(0, 700001)) + Gzip(bytes.substr(700001)));
  const std::string plain_path = Write(dir, "plain.pb", bytes);
  for (const std::string& path : {gz_path, plain_path}) {
    INFO(path);
    HeapProfile h;
    std::string error;
    REQUIRE(ReadHeapProfile(path, &h, &error));
    REQUIRE(h.samples.size() == 40000);
    size_t wrong = 0;
    for (int i = 0; i < 40000; ++i) {
      const HeapProfile::Sample& s = h.samples[i];
      wrong += s.location_count != static_cast<uint32_t>(i % 20 + 1);
      for (uint32_t k = 0; k < s.location_count; ++k) {
        wrong += h.sample_locations[s.first_location + k] != static_cast<uint32_t>((i + k) % 3);
      }
      for (int v = 0; v < 4; ++v) wrong += h.Value(i, v) != int64_t{i} * 1000003 + v;
    }
    CHECK(wrong == 0);
  }
  SECTION("gzip through a pipe: zlib, in chunks, not the whole-file path") {
    const std::string fifo = dir.path() + "/pipe.pprof";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const std::string gz = Gzip(bytes.substr(0, 700001)) + Gzip(bytes.substr(700001));
    std::thread writer([&] {
      std::ofstream out(fifo, std::ios::binary);
      out.write(gz.data(), static_cast<std::streamsize>(gz.size()));
    });
    HeapProfile h;
    std::string error;
    const bool ok = ReadHeapProfile(fifo, &h, &error);
    writer.join();
    REQUIRE(ok);
    REQUIRE(h.samples.size() == 40000);
    size_t wrong = 0;
    for (int i = 0; i < 40000; ++i) {
      wrong += h.samples[i].location_count != static_cast<uint32_t>(i % 20 + 1);
      for (int v = 0; v < 4; ++v) wrong += h.Value(i, v) != int64_t{i} * 1000003 + v;
    }
    CHECK(wrong == 0);
  }
  SECTION("cut off: the plain file ends inside a sample") {
    const std::string path = Write(dir, "cut.pb", bytes.substr(0, 999999));
    CHECK(ReadError(path) ==
          path + " is not a pprof profile: neither gzip-compressed nor a protobuf profile");
  }
}

namespace {
/// `v` as a protobuf varint.
std::string Varint(uint64_t v) {
  std::string out;
  for (; v >= 0x80; v >>= 7) out += static_cast<char>(v | 0x80);
  out += static_cast<char>(v);
  return out;
}
/// A length-delimited field: tag, length, payload.
std::string Delimited(int field, const std::string& payload) {
  return Varint(static_cast<uint64_t>(field) << 3 | 2) + Varint(payload.size()) + payload;
}
}  // namespace

TEST_CASE("pprof: samples in every encoding protobuf allows read as protobuf reads them",
          "[pprof]") {
  // Samples written by hand, as protobuf's generated writer never writes them: ids and values
  // not packed, packed and not mixed in one sample, a label, fields this schema does not have
  // (of every wire type), and a negative value in ten bytes. Protobuf's own parser of the
  // same bytes is the truth the hand decoder (FieldSplitter::Sample) must agree with.
  pb::Profile p = HeapMessage();
  p.clear_sample();
  std::string head = p.SerializeAsString();
  std::string first;                                      // ids 30, 10; values 3 -5 7 9
  first += Varint(1 << 3 | 0) + Varint(30);               // location_id, not packed
  first += Varint(2 << 3 | 0) + Varint(3);                // value, not packed
  first += Delimited(3, Varint(1 << 3 | 0) + Varint(2));  // label {key: 2}
  first += Varint(9 << 3 | 1) + std::string(8, '\x7f');   // an unknown fixed64
  first += Varint(1 << 3 | 0) + Varint(10);               // location_id, not packed
  first += Delimited(2, Varint(static_cast<uint64_t>(int64_t{-5})) + Varint(7));  // packed
  first += Varint(10 << 3 | 5) + std::string(4, '\x01');              // an unknown fixed32
  first += Delimited(11, "anything");                                 // an unknown length-delimited
  first += Varint(12 << 3 | 0) + Varint(uint64_t{1} << 60);           // an unknown varint
  first += Varint(2 << 3 | 0) + Varint(9);                            // value, not packed
  const std::string second = Delimited(1, Varint(20) + Varint(10)) +  // packed, as Go writes
                             Delimited(2, Varint(1) + Varint(2) + Varint(3) + Varint(4));
  const std::string bytes = head + Delimited(2, first) + Delimited(2, second);
  pb::Profile truth;
  REQUIRE(truth.ParseFromString(bytes));
  REQUIRE(truth.sample_size() == 2);
  REQUIRE(truth.sample(0).value_size() == 4);
  CHECK(truth.sample(0).value(1) == -5);

  test::TempDir dir("escviz-pprof");
  for (const std::string& path :
       {Write(dir, "hand.pb", bytes), Write(dir, "hand.pprof", Gzip(bytes))}) {
    INFO(path);
    HeapProfile h;
    std::string error;
    REQUIRE(ReadHeapProfile(path, &h, &error));
    REQUIRE(h.samples.size() == 2);
    // Location ids 10, 20, 30 are indices 0, 1, 2 (HeapMessage).
    auto index = [](uint64_t id) { return static_cast<uint32_t>(id / 10 - 1); };
    for (int s = 0; s < 2; ++s) {
      const pb::Sample& t = truth.sample(s);
      REQUIRE(h.samples[s].location_count == static_cast<uint32_t>(t.location_id_size()));
      for (int k = 0; k < t.location_id_size(); ++k) {
        CHECK(h.sample_locations[h.samples[s].first_location + k] == index(t.location_id(k)));
      }
      for (int v = 0; v < 4; ++v) CHECK(h.Value(s, v) == t.value(v));
    }
  }
  SECTION("a group, which no pprof writer uses, is refused (where protobuf skips it)") {
    const std::string group = Varint(13 << 3 | 3) + Varint(13 << 3 | 4);
    const std::string path = Write(dir, "group.pb", head + Delimited(2, second + group));
    CHECK(ReadError(path).find("not a pprof profile") != std::string::npos);
  }
  SECTION("a packed field cut inside a varint is refused") {
    const std::string cut = Delimited(1, Varint(20) + "\x80");
    REQUIRE_FALSE(truth.ParseFromString(head + Delimited(2, cut)));
    const std::string path = Write(dir, "cut.pb", head + Delimited(2, cut));
    CHECK(ReadError(path).find("not a pprof profile") != std::string::npos);
  }
}

TEST_CASE("pprof: a failed read leaves the profile empty", "[pprof]") {
  test::TempDir dir("escviz-pprof");
  pb::Profile p = HeapMessage();
  p.mutable_sample(1)->set_location_id(0, 1234);
  const std::string path = Write(dir, "bad.pprof", Gzip(p.SerializeAsString()));
  HeapProfile h;
  h.functions.push_back({"stale", "stale.go"});
  std::string error;
  REQUIRE_FALSE(ReadHeapProfile(path, &h, &error));
  CHECK(h.functions.empty());
  CHECK(h.samples.empty());
  CHECK(h.path == path);
}

}  // namespace escviz
