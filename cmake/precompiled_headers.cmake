# Precompiled headers for a clean build (preset ci: EVOTE_PCH=ON, GCC only).
#
# Most files include nlohmann/json (through protocol's headers) and every test
# includes Boost.Test; parsing them again in each of ~450 files was a large
# part of a clean build. Each target reuses a header precompiled with its own
# flags: GCC uses a precompiled header only when the optimization level,
# -fPIC (Qt's targets) and Boost.Test's link macro match, and otherwise reads
# the headers as usual, which -Winvalid-pch reports.
#
# Off in the other presets, so that a file that forgets an include still
# fails to compile there.

set(EVOTE_PCH_DIR ${CMAKE_CURRENT_LIST_DIR}/pch)

# Through a precompiled header GCC 12 no longer treats libstdc++ as a system
# header for its middle-end warnings, and reports its known false positives
# on short std::string concatenations (GCC PR 105329) as if in our code. They
# stay warnings here; the default preset keeps them errors.
set(EVOTE_PCH_WARNINGS -Wno-error=array-bounds -Wno-error=stringop-overflow
  -Wno-error=stringop-overread -Wno-error=restrict)

# The donor target whose precompiled header fits: `kind` code (libraries and
# programs) or test (Boost.Test programs), `o0` for tests built at -O0
# (tests/CMakeLists.txt), `pic` for targets built with -fPIC. Made on first use.
function(evote_pch_donor kind o0 pic out)
  set(donor evote_pch_${kind})
  if(o0)
    string(APPEND donor _o0)
  endif()
  if(pic)
    string(APPEND donor _pic)
  endif()
  if(NOT TARGET ${donor})
    add_library(${donor} OBJECT ${EVOTE_PCH_DIR}/anchor.cpp)
    target_precompile_headers(${donor} PRIVATE ${EVOTE_PCH_DIR}/${kind}.hpp)
    if(kind STREQUAL "test")
      target_link_libraries(${donor} PRIVATE Boost::unit_test_framework)
      target_compile_definitions(${donor} PRIVATE BOOST_TEST_DYN_LINK)
    endif()
    if(o0)
      target_compile_options(${donor} PRIVATE -O0)
    endif()
    set_target_properties(${donor} PROPERTIES POSITION_INDEPENDENT_CODE ${pic})
  endif()
  set(${out} ${donor} PARENT_SCOPE)
endfunction()

# Every compiled target under `dir`, recursively.
function(evote_compiled_targets dir out)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  set(found)
  foreach(target ${targets})
    get_target_property(type ${target} TYPE)
    if(type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|OBJECT_LIBRARY|MODULE_LIBRARY)$")
      list(APPEND found ${target})
    endif()
  endforeach()
  get_property(children DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(child ${children})
    evote_compiled_targets(${child} child_targets)
    list(APPEND found ${child_targets})
  endforeach()
  set(${out} ${found} PARENT_SCOPE)
endfunction()

# Does `target` link Qt, directly or through the project's libraries? Qt's
# targets make whatever links them -fPIC.
function(evote_links_qt target out)
  set(${out} OFF PARENT_SCOPE)
  get_target_property(links ${target} LINK_LIBRARIES)
  if(NOT links)
    return()
  endif()
  foreach(link ${links})
    if(link MATCHES "^Qt6?::")
      set(${out} ON PARENT_SCOPE)
      return()
    endif()
    if(TARGET ${link} AND NOT link MATCHES "::")
      evote_links_qt(${link} through)
      if(through)
        set(${out} ON PARENT_SCOPE)
        return()
      endif()
    endif()
  endforeach()
endfunction()

function(evote_use_precompiled_headers)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    message(STATUS "EVOTE_PCH: precompiled headers only with GCC, off for ${CMAKE_CXX_COMPILER_ID}")
    return()
  endif()
  evote_compiled_targets(${PROJECT_SOURCE_DIR} targets)
  foreach(target ${targets})
    # evote_test_main defines BOOST_TEST_MODULE before it includes Boost.Test.
    if(target STREQUAL "evote_test_main")
      continue()
    endif()
    get_target_property(links ${target} LINK_LIBRARIES)
    get_target_property(options ${target} COMPILE_OPTIONS)
    get_target_property(pic ${target} POSITION_INDEPENDENT_CODE)
    if(NOT pic)
      evote_links_qt(${target} pic)
    endif()
    # A test links evote_test_main, which defines BOOST_TEST_DYN_LINK.
    if("evote_test_main" IN_LIST links)
      set(kind test)
    else()
      set(kind code)
    endif()
    if("-O0" IN_LIST options)
      set(o0 ON)
    else()
      set(o0 OFF)
    endif()
    evote_pch_donor(${kind} ${o0} ${pic} donor)
    target_precompile_headers(${target} REUSE_FROM ${donor})
    target_compile_options(${target} PRIVATE -Winvalid-pch -Wno-error=invalid-pch ${EVOTE_PCH_WARNINGS})
  endforeach()
endfunction()
