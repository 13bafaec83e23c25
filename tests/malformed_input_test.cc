// malformed_input_test: see the file header once written.
#include <catch2/catch.hpp>
