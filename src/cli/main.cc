#include <iostream>

#include "src/cli/app.h"

int main(int argc, char** argv) { return escviz::Main(argc, argv, std::cout, std::cerr); }
