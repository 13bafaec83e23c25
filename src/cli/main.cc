#include <iostream>

#include "src/cli/app.h"

int main(int argc, char** argv) { return escviz::Main(argc, argv, std::cin, std::cout, std::cerr); }
