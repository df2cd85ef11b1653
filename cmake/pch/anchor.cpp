// The translation unit that builds a precompiled header (cmake/precompiled_headers.cmake).
