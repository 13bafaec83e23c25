// output_safety_test: see the file header once written.
#include <catch2/catch.hpp>
