package org.rayonignite.objectstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.rayonignite.api.exception.RaySerializationException;
import org.rayonignite.config.ClassNamePattern;

/**
 * Which classes may be deserialized: never those of the built-in list of known gadget classes
 * (classes whose deserialization can run code, as used by ysoserial-style exploits) or of the
 * configured deny list; with an allow list, only classes matching it, JDK basics, exceptions and
 * Ray's own classes.
 *
 * <p>Design: a class's verdict is computed once and kept in a {@link ClassValue}, so the check
 * per deserialized object is one lookup; names are matched against the patterns only before a
 * class is loaded for the first time ({@link #checkName}), so a denied class is refused before
 * any class loader (peer class loading included) is asked for it.
 */
public final class DeserializationFilter {
  /**
   * Known gadget classes and packages (ysoserial's payloads, Jackson's deny list of
   * polymorphic-typing gadgets): their deserialization can run commands, load remote code or
   * reach JNDI.
   */
  static final List<String> KNOWN_GADGETS = List.of(
      "org.apache.commons.collections.functors.*",
      "org.apache.commons.collections4.functors.*",
      "org.apache.commons.collections.keyvalue.TiedMapEntry",
      "org.apache.commons.collections4.keyvalue.TiedMapEntry",
      "org.apache.commons.collections.map.LazyMap",
      "org.apache.commons.collections4.map.LazyMap",
      "org.apache.commons.collections.comparators.TransformingComparator",
      "org.apache.commons.collections4.comparators.TransformingComparator",
      "org.apache.commons.beanutils.BeanComparator",
      "org.apache.commons.fileupload.disk.DiskFileItem",
      "org.apache.wicket.util.upload.DiskFileItem",
      "org.codehaus.groovy.runtime.ConvertedClosure",
      "org.codehaus.groovy.runtime.MethodClosure",
      "com.sun.org.apache.xalan.internal.xsltc.trax.TemplatesImpl",
      "org.apache.xalan.xsltc.trax.TemplatesImpl",
      "javax.management.BadAttributeValueExpException",
      "sun.reflect.annotation.AnnotationInvocationHandler",
      "java.rmi.server.UnicastRemoteObject",
      "java.rmi.server.RemoteObjectInvocationHandler",
      "sun.rmi.server.UnicastRef",
      "com.sun.jndi.rmi.registry.ReferenceWrapper",
      "com.sun.rowset.JdbcRowSetImpl",
      "org.springframework.beans.factory.ObjectFactory",
      "org.springframework.beans.factory.support.AutowireUtils$ObjectFactoryDelegatingInvocationHandler",
      "org.springframework.core.SerializableTypeWrapper$*",
      "org.springframework.aop.framework.JdkDynamicAopProxy",
      "com.mchange.v2.c3p0.impl.PoolBackedDataSourceBase",
      "com.mchange.v2.c3p0.WrapperConnectionPoolDataSource",
      "org.apache.xbean.naming.context.ContextUtil$ReadOnlyBinding",
      "com.sun.syndication.feed.impl.ObjectBean",
      "com.rometools.rome.feed.impl.ObjectBean",
      "org.hibernate.tuple.component.AbstractComponentTuplizer",
      "org.mozilla.javascript.NativeJavaObject",
      "bsh.XThis",
      "bsh.Interpreter",
      "clojure.core$comp",
      "clojure.main$eval_opt");

  /** Packages of the JDK's plain value and collection classes, allowed alongside an allow list. */
  private static final Set<String> BASIC_PACKAGES = Set.of("java.lang", "java.util",
      "java.util.concurrent", "java.util.concurrent.atomic", "java.time", "java.time.chrono",
      "java.time.temporal", "java.time.zone", "java.math");
  /** Classes outside those packages that plain values are made of. */
  private static final Set<String> BASIC_CLASSES = Set.of("java.lang.invoke.SerializedLambda",
      "com.esotericsoftware.kryo.serializers.ClosureSerializer$Closure");
  private static final String OUR_PREFIX = "org.rayonignite.";
  private static final String ALLOWED = "";

  /** Denies only the known gadget classes. */
  public static final DeserializationFilter DEFAULT = of(List.of(), List.of());

  private final List<ClassNamePattern> knownGadgets;
  private final List<ClassNamePattern> denied;
  private final List<ClassNamePattern> allowed;
  /** Why a class is refused, or {@link #ALLOWED}. */
  private final ClassValue<String> verdicts = new ClassValue<>() {
    @Override
    protected String computeValue(Class<?> type) {
      return verdict(type);
    }
  };

  private DeserializationFilter(List<ClassNamePattern> denied, List<ClassNamePattern> allowed) {
    this.knownGadgets = compile(KNOWN_GADGETS);
    this.denied = denied;
    this.allowed = allowed;
  }

  /**
   * A filter with an allow list (empty: none) and a deny list added to the known gadgets.
   *
   * @throws IllegalArgumentException naming a pattern that is not a class name with wildcards
   */
  public static DeserializationFilter of(List<String> allowList, List<String> denyList) {
    return new DeserializationFilter(compile(denyList), compile(allowList));
  }

  private static List<ClassNamePattern> compile(List<String> patterns) {
    List<ClassNamePattern> compiled = new ArrayList<>(patterns.size());
    for (String pattern : patterns) {
      compiled.add(ClassNamePattern.of(pattern));
    }
    return List.copyOf(compiled);
  }

  /**
   * Refuses {@code type} if it may not be deserialized. One lookup after the first call per class.
   *
   * @throws RaySerializationException naming the class and the list that refused it
   */
  public void check(Class<?> type) {
    String refusal = verdicts.get(type);
    if (!refusal.isEmpty()) {
      Class<?> element = type;
      while (element.isArray()) {
        element = element.getComponentType();
      }
      throw refused(element.getName(), type.getTypeName(), refusal);
    }
  }

  /**
   * Refuses the class named {@code className} by its name alone, before it is loaded: the deny
   * lists (the allow list needs the class, to see what it is; {@link #check} applies it).
   *
   * @throws RaySerializationException naming the class and the list that refused it
   */
  public void checkName(String className) {
    String element = elementName(className);
    String refusal = deniedName(element);
    if (refusal != null) {
      int dimensions = element.equals(className) ? 0 : className.lastIndexOf('[') + 1;
      throw refused(element, element + "[]".repeat(dimensions), refusal);
    }
  }

  /** Names the array (if it is one) in the message, and its element class as the failed one. */
  private static RaySerializationException refused(String className, String shownName,
      String refusal) {
    return new RaySerializationException("cannot deserialize " + shownName + ": refused by "
        + refusal, className, null);
  }

  private String verdict(Class<?> type) {
    Class<?> element = type;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    if (element.isPrimitive()) {
      return ALLOWED;
    }
    String denial = deniedName(element.getName());
    if (denial != null) {
      return denial;
    }
    if (allowed.isEmpty() || isBasic(element)) {
      return ALLOWED;
    }
    for (ClassNamePattern pattern : allowed) {
      if (pattern.matches(element.getName())) {
        return ALLOWED;
      }
    }
    return "the deserialization allow list (it matches none of " + allowed + "; JDK basics, "
        + "exceptions and org.rayonignite classes are always allowed)";
  }

  /** Why the deny lists refuse the class {@code name} (not an array name), or null. */
  private String deniedName(String name) {
    for (ClassNamePattern pattern : knownGadgets) {
      if (pattern.matches(name)) {
        return "the built-in deny list of known gadget classes (pattern " + pattern + ")";
      }
    }
    for (ClassNamePattern pattern : denied) {
      if (pattern.matches(name)) {
        return "the deserialization deny list (pattern " + pattern + ")";
      }
    }
    return null;
  }

  private static boolean isBasic(Class<?> type) {
    return BASIC_PACKAGES.contains(type.getPackageName()) || BASIC_CLASSES.contains(type.getName())
        || type.getName().startsWith(OUR_PREFIX) || Throwable.class.isAssignableFrom(type);
  }

  /** {@code [Lcom.acme.Order;} is checked as {@code com.acme.Order}. */
  private static String elementName(String className) {
    if (!className.startsWith("[")) {
      return className;
    }
    int start = className.lastIndexOf('[') + 1;
    return className.charAt(start) == 'L' && className.endsWith(";")
        ? className.substring(start + 1, className.length() - 1) : className;
  }

  @Override
  public String toString() {
    return "DeserializationFilter{allow=" + allowed + ", deny=" + denied + " + known gadgets}";
  }
}
