package com.example.shop;

/** A user's class outside Ray's packages and the JDK's, for the allow-list tests. */
public record Order(String item, int quantity) {}
