// tests/unit/main.cc - CppUTest entry point for the host unit tests of src/ code.
//
// Each tests/unit/<subsystem>_*.cc file holds the tests of one subsystem; they are all
// linked into one binary (build/host/unit_tests). Run `make unit` for verbose output.
#include <CppUTest/CommandLineTestRunner.h>

int main(int argc, char** argv) { return CommandLineTestRunner::RunAllTests(argc, argv); }
