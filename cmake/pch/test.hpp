// Headers precompiled for the test programs (cmake/precompiled_headers.cmake).
#pragma once
#include "code.hpp"

#include <boost/test/unit_test.hpp>
