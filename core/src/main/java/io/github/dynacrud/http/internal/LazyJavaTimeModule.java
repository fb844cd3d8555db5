package io.github.dynacrud.http.internal;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.cfg.DeserializerFactoryConfig;
import com.fasterxml.jackson.databind.cfg.PackageVersion;
import com.fasterxml.jackson.databind.cfg.SerializerFactoryConfig;
import com.fasterxml.jackson.databind.deser.BasicDeserializerFactory;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.KeyDeserializers;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.ValueInstantiators;
import com.fasterxml.jackson.databind.ser.BasicSerializerFactory;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.temporal.TemporalAdjuster;

/**
 * Jackson's {@link JavaTimeModule}, set up the first time a mapper meets a {@code java.time} type: registering the
 * module itself builds its seventy-odd serializers, deserializers and formatters at once, which a function pays for at
 * start-up even when it only reads and writes instants and dates by other means. Every answer for a {@code java.time}
 * type is the module's own and no other type is affected, so a mapper with this module behaves as one with
 * {@link JavaTimeModule}; it also registers under the module's id, so registering the module again is ignored alike.
 *
 * <pre>{@code
 * JsonMapper mapper = JsonMapper.builder().addModule(new LazyJavaTimeModule()).build();
 * }</pre>
 */
public final class LazyJavaTimeModule extends Module {
    /** {@link JavaTimeModule}'s id, without loading the class to ask it. */
    static final String TYPE_ID = "jackson-datatype-jsr310";

    @Override
    public String getModuleName() {
        return TYPE_ID;
    }

    @Override
    public Version version() {
        // The module is released with databind, under the same version.
        Version databind = PackageVersion.VERSION;
        return new Version(databind.getMajorVersion(), databind.getMinorVersion(), databind.getPatchLevel(), null,
                "com.fasterxml.jackson.datatype", TYPE_ID);
    }

    @Override
    public Object getTypeId() {
        return TYPE_ID;
    }

    @Override
    public void setupModule(SetupContext context) {
        context.addSerializers(new TimeSerializers(false));
        context.addKeySerializers(new TimeSerializers(true));
        context.addDeserializers(new TimeDeserializers());
        context.addKeyDeserializers(new TimeKeyDeserializers());
        context.addValueInstantiators(new TimeValueInstantiators());
        context.addBeanSerializerModifier(new TimeSerializerModifier());
        context.addBeanDeserializerModifier(new TimeDeserializerModifier());
    }

    /**
     * Tells whether the module may answer for a type: it registers {@code java.time} classes only, besides writing
     * lambdas that adjust temporals as empty objects.
     */
    static boolean handles(Class<?> type) {
        return type.getPackageName().equals("java.time") || TemporalAdjuster.class.isAssignableFrom(type);
    }

    /** The module, set up in a mapper of its own the first time it is asked. */
    private static final class Real {
        private static final SerializerFactoryConfig SERIALIZATION;
        private static final DeserializerFactoryConfig DESERIALIZATION;

        static {
            ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
            SERIALIZATION = ((BasicSerializerFactory) mapper.getSerializerFactory()).getFactoryConfig();
            DESERIALIZATION = ((BasicDeserializerFactory) mapper.getDeserializationContext().getFactory())
                    .getFactoryConfig();
        }
    }

    /** The module's serializers (or key serializers), asked in the order the module registered them. */
    private static final class TimeSerializers extends Serializers.Base {
        private final boolean keys;

        TimeSerializers(boolean keys) {
            this.keys = keys;
        }

        @Override
        public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription beanDesc) {
            if (!handles(type.getRawClass())) {
                return null;
            }
            for (Serializers serializers : keys ? Real.SERIALIZATION.keySerializers()
                    : Real.SERIALIZATION.serializers()) {
                JsonSerializer<?> found = serializers.findSerializer(config, type, beanDesc);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
    }

    /** The module's deserializers, asked in the order the module registered them. */
    private static final class TimeDeserializers extends Deserializers.Base {
        @Override
        public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
                BeanDescription beanDesc) throws JsonMappingException {
            if (!handles(type.getRawClass())) {
                return null;
            }
            for (Deserializers deserializers : Real.DESERIALIZATION.deserializers()) {
                JsonDeserializer<?> found = deserializers.findBeanDeserializer(type, config, beanDesc);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }

        @Override
        public JsonDeserializer<?> findEnumDeserializer(Class<?> type, DeserializationConfig config,
                BeanDescription beanDesc) throws JsonMappingException {
            if (!handles(type)) {
                return null;
            }
            for (Deserializers deserializers : Real.DESERIALIZATION.deserializers()) {
                JsonDeserializer<?> found = deserializers.findEnumDeserializer(type, config, beanDesc);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }

        @Override
        public boolean hasDeserializerFor(DeserializationConfig config, Class<?> valueType) {
            if (!handles(valueType)) {
                return false;
            }
            for (Deserializers deserializers : Real.DESERIALIZATION.deserializers()) {
                if (deserializers.hasDeserializerFor(config, valueType)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The module's key deserializers, asked in the order the module registered them. */
    private static final class TimeKeyDeserializers implements KeyDeserializers {
        @Override
        public KeyDeserializer findKeyDeserializer(JavaType type, DeserializationConfig config,
                BeanDescription beanDesc) throws JsonMappingException {
            if (!handles(type.getRawClass())) {
                return null;
            }
            for (KeyDeserializers deserializers : Real.DESERIALIZATION.keyDeserializers()) {
                KeyDeserializer found = deserializers.findKeyDeserializer(type, config, beanDesc);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
    }

    /** The module's value instantiators, for {@code java.time} types only. */
    private static final class TimeValueInstantiators implements ValueInstantiators {
        @Override
        public ValueInstantiator findValueInstantiator(DeserializationConfig config, BeanDescription beanDesc,
                ValueInstantiator defaultInstantiator) {
            if (!handles(beanDesc.getBeanClass())) {
                return defaultInstantiator;
            }
            ValueInstantiator instantiator = defaultInstantiator;
            for (ValueInstantiators instantiators : Real.DESERIALIZATION.valueInstantiators()) {
                instantiator = instantiators.findValueInstantiator(config, beanDesc, instantiator);
            }
            return instantiator;
        }
    }

    /** The module's serializer modifier, for {@code java.time} enums ({@code Month}) only. */
    private static final class TimeSerializerModifier extends BeanSerializerModifier {
        private static final long serialVersionUID = 1L;

        @Override
        public JsonSerializer<?> modifyEnumSerializer(SerializationConfig config, JavaType valueType,
                BeanDescription beanDesc, JsonSerializer<?> serializer) {
            if (!handles(valueType.getRawClass())) {
                return serializer;
            }
            JsonSerializer<?> modified = serializer;
            for (BeanSerializerModifier modifier : Real.SERIALIZATION.serializerModifiers()) {
                modified = modifier.modifyEnumSerializer(config, valueType, beanDesc, modified);
            }
            return modified;
        }
    }

    /** The module's deserializer modifier, for {@code java.time} enums ({@code Month}) only. */
    private static final class TimeDeserializerModifier extends BeanDeserializerModifier {
        private static final long serialVersionUID = 1L;

        @Override
        public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
            if (!handles(type.getRawClass())) {
                return deserializer;
            }
            JsonDeserializer<?> modified = deserializer;
            for (BeanDeserializerModifier modifier : Real.DESERIALIZATION.deserializerModifiers()) {
                modified = modifier.modifyEnumDeserializer(config, type, beanDesc, modified);
            }
            return modified;
        }
    }
}
